package dev.hookwright.core.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.manifest.KindReader;
import dev.hookwright.core.patch.DeploymentRecord;
import dev.hookwright.core.patch.JsonPatches;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Patches;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request path never copies a whole Deployment: the record is written into a copy that
 * shares every subtree it leaves alone, an UPDATE is compared field by field, and the planner
 * binds the object without {@code managedFields} and {@code status}. Each is checked here, on
 * seeded random Deployments, against the plain way (a deep copy, then the same edits) written
 * out in this test. A failure prints its seed; replay it with {@code -Dshared.seed=N}.
 */
class SharedSubtreesPropertyTest {
    private static final long SEED = Long.getLong("shared.seed", System.nanoTime());
    private static final int ROUNDS = 400;
    private static final String[] RECORDS = {Keys.MIGRATION_JOB, Keys.MIGRATION_STATUS, Keys.MIGRATION_HISTORY,
            Keys.MIGRATION_MESSAGE, Keys.SEED_STATUS, Keys.POST_DEPLOY_STATUS};

    private final Random random = new Random(SEED);

    @Test
    void theRecordedCopyEqualsADeepCopyWithTheSameEditsAndLeavesTheRequestAlone() {
        for (int round = 0; round < ROUNDS; round++) {
            ObjectNode raw = randomDeployment();
            ObjectNode before = raw.deepCopy();
            String jobName = random.nextInt(4) == 0 ? null : "shop-migrate-" + random.nextInt(3);
            boolean holdsGate = random.nextBoolean();

            ObjectNode recorded = DeploymentRecord.apply(raw, jobName, holdsGate);

            String seen = "seed " + SEED + ", round " + round;
            assertThat(raw).as("the request object, " + seen).isEqualTo(before);
            assertThat(recorded).as(seen).isEqualTo(deepCopyRecorded(raw, jobName, holdsGate));
            assertThat(Patches.apply(raw, JsonPatches.diff(raw, recorded))).as("the patch applied, " + seen)
                    .isEqualTo(recorded);
        }
    }

    @Test
    void anUpdateChangesOnlyRecordsExactlyWhenTheObjectsWithoutThemAreEqual() {
        int onlyRecords = 0;
        for (int round = 0; round < ROUNDS; round++) {
            ObjectNode old = randomDeployment();
            ObjectNode updated = old.deepCopy();
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) {
                edit(updated);
            }

            boolean expected = withoutRecords(old).equals(withoutRecords(updated));
            assertThat(UpdateGuard.changesOnlyRecords(old, updated)).as("seed " + SEED + ", round " + round)
                    .isEqualTo(expected);
            onlyRecords += expected ? 1 : 0;
        }
        // Both answers must occur, or the comparison above proves nothing.
        assertThat(onlyRecords).as("seed " + SEED).isBetween(ROUNDS / 10, ROUNDS - ROUNDS / 10);
    }

    @Test
    void thePlannerReadsTheSameDeploymentAsFromTheWholeObject() {
        for (int round = 0; round < ROUNDS / 4; round++) {
            ObjectNode raw = randomDeployment();
            ObjectNode before = raw.deepCopy();
            ObjectNode whole = raw.deepCopy();
            whole.remove("status");
            ((ObjectNode) whole.get("metadata")).remove("managedFields");

            Deployment read = InjectionDecider.toDeployment(raw);

            assertThat(read).as("seed " + SEED + ", round " + round).isEqualTo(KindReader.read(whole, Deployment.class));
            assertThat(raw).isEqualTo(before);
        }
    }

    /** A fixture Deployment with random annotations, records, readiness gates, managedFields and status. */
    private ObjectNode randomDeployment() {
        ObjectNode deployment = (ObjectNode) Fixtures.read("mutate/reference-chart.yaml").at("/review/request/object").deepCopy();
        ObjectNode metadata = (ObjectNode) deployment.get("metadata");
        switch (random.nextInt(4)) {
            case 0 -> metadata.remove("annotations");
            case 1 -> metadata.putObject("annotations");
            default -> {
                ObjectNode annotations = metadata.with("annotations");
                for (int i = random.nextInt(4); i > 0; i--) {
                    annotations.put(RECORDS[random.nextInt(RECORDS.length)], "value-" + random.nextInt(3));
                }
                for (int i = random.nextInt(3); i > 0; i--) {
                    annotations.put("example.com/note-" + random.nextInt(3), "n" + random.nextInt(3));
                }
            }
        }
        if (random.nextBoolean()) {
            ArrayNode managed = metadata.putArray("managedFields");
            managed.addObject().put("manager", "helm").put("operation", "Update")
                    .putObject("fieldsV1").putObject("f:metadata").putObject("f:labels").putObject(".");
        }
        if (random.nextBoolean()) {
            deployment.putObject("status").put("observedGeneration", random.nextInt(5)).put("replicas", 2);
        }
        ObjectNode podSpec = (ObjectNode) deployment.at("/spec/template/spec");
        switch (random.nextInt(4)) {
            case 0 -> podSpec.remove("readinessGates");
            case 1 -> podSpec.putArray("readinessGates").addObject().put("conditionType", "example.com/ready");
            case 2 -> podSpec.putArray("readinessGates").addObject().put("conditionType", Keys.READINESS_GATE);
            default -> {
                ArrayNode gates = podSpec.putArray("readinessGates");
                gates.addObject().put("conditionType", Keys.READINESS_GATE);
                gates.addObject().put("conditionType", "example.com/ready");
                gates.addObject().put("conditionType", Keys.READINESS_GATE);
            }
        }
        return deployment;
    }

    /** One change an UPDATE might make: to a record, to what the API server keeps, or to the user's fields. */
    private void edit(ObjectNode deployment) {
        ObjectNode metadata = (ObjectNode) deployment.get("metadata");
        switch (random.nextInt(9)) {
            case 0, 1 -> metadata.with("annotations").put(RECORDS[random.nextInt(RECORDS.length)], "new-" + random.nextInt(9));
            case 2 -> metadata.put("resourceVersion", String.valueOf(random.nextInt(1000)));
            case 3 -> metadata.put("generation", random.nextInt(9));
            case 4 -> deployment.putObject("status").put("readyReplicas", random.nextInt(3));
            case 5 -> metadata.putArray("managedFields").addObject().put("manager", "kubectl");
            case 6 -> metadata.with("annotations").put("example.com/note-" + random.nextInt(3), "changed");
            case 7 -> ((ObjectNode) deployment.get("spec")).put("replicas", random.nextInt(4));
            default -> {
                List<String> records = new ArrayList<>();
                JsonNode annotations = metadata.path("annotations");
                annotations.fieldNames().forEachRemaining(key -> {
                    if (Keys.isRecord(key)) {
                        records.add(key);
                    }
                });
                if (annotations instanceof ObjectNode object) {
                    object.remove(records);
                }
            }
        }
    }

    /** The record written the plain way: a deep copy, then the edits. */
    private static ObjectNode deepCopyRecorded(ObjectNode raw, String jobName, boolean holdsGate) {
        ObjectNode copy = raw.deepCopy();
        if (jobName != null) {
            copy.with("metadata").with("annotations").put(Keys.MIGRATION_JOB, jobName);
        }
        ObjectNode podSpec = copy.with("spec").with("template").with("spec");
        boolean hasGate = DeploymentRecord.hasGate(raw);
        if (holdsGate && !hasGate) {
            podSpec.withArray("readinessGates").addObject().put("conditionType", Keys.READINESS_GATE);
        } else if (!holdsGate && hasGate) {
            ArrayNode gates = (ArrayNode) podSpec.get("readinessGates");
            for (int i = gates.size() - 1; i >= 0; i--) {
                if (Keys.READINESS_GATE.equals(gates.get(i).path("conditionType").asText())) {
                    gates.remove(i);
                }
            }
            if (gates.isEmpty()) {
                podSpec.remove("readinessGates");
            }
        }
        return copy;
    }

    /** The object an UPDATE is judged by, the plain way: a deep copy without records and server fields. */
    private static JsonNode withoutRecords(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        ObjectNode metadata = (ObjectNode) copy.get("metadata");
        metadata.remove(List.of("resourceVersion", "managedFields", "generation"));
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            List<String> records = new ArrayList<>();
            annotations.fieldNames().forEachRemaining(key -> {
                if (Keys.isRecord(key)) {
                    records.add(key);
                }
            });
            annotations.remove(records);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        return copy;
    }

}
