package dev.hookwright.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.naming.JobNames;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.testing.Fixtures;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotation parser through {@link MigrationPlanner#plan}: an opted-in Deployment whose
 * annotations (and release) are any strings gets a {@link Plan}, never an exception; a planned
 * Job has a valid name. Seeds: src/test/resources/dev/hookwright/fuzz/AnnotationFuzzTestInputs/.
 */
class AnnotationFuzzTest {
    private static final MigrationPlanner PLANNER = new MigrationPlanner(MigrationDefaults.SHIPPED);
    private static final List<String> KEYS = List.of(Keys.RELEASE, Keys.COMMAND, Keys.ARGS, Keys.WHEN, Keys.WEIGHT,
            Keys.CONTAINER, Keys.BACKOFF_LIMIT, Keys.ACTIVE_DEADLINE_SECONDS, Keys.TTL_SECONDS_AFTER_FINISHED,
            Keys.REVISION, Keys.RERUN, Keys.SKIP, Keys.ENV_CONFIGMAP, Keys.ENV_SECRET, Keys.SEED_COMMAND,
            Keys.SEED_ARGS, Keys.SEED_WHEN, Keys.RETRY, Keys.RETRY_FAIL_EXIT_CODES, Keys.HELM_RELEASE_NAME,
            Keys.ENV, Keys.POST_DEPLOY_COMMAND, Keys.POST_DEPLOY_ARGS, Keys.POST_DEPLOY_ENV);
    private static final String DEPLOYMENT = Fixtures.read("mutate/reference-chart.yaml")
            .at("/review/request/object").toString();

    @FuzzTest(maxDuration = "90s")
    void annotations(FuzzedDataProvider data) throws Exception {
        Deployment deployment = Json.mapper().readValue(DEPLOYMENT, Deployment.class);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (data.consumeBoolean()) {
            // Keep the valid command so the fuzzer reaches the later annotations, too.
            annotations.putAll(deployment.getMetadata().getAnnotations());
        }
        int count = data.consumeInt(0, KEYS.size());
        for (int i = 0; i < count; i++) {
            annotations.put(data.pickValue(KEYS), data.consumeString(200));
        }
        deployment.getMetadata().setAnnotations(annotations);
        Optional<String> releaseParameter = data.consumeBoolean() ? Optional.of(data.consumeString(80)) : Optional.empty();

        Plan plan = PLANNER.plan(deployment, releaseParameter);

        assertThat(plan).isNotNull();
        if (plan instanceof Plan.Planned planned) {
            for (var job : planned.jobs()) {
                String name = job.getMetadata().getName();
                assertThat(name.length()).as(name).isLessThanOrEqualTo(JobNames.MAX_NAME);
                assertThat(name).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            }
        }
    }
}
