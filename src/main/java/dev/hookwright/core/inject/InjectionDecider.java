package dev.hookwright.core.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Deletion;
import dev.hookwright.core.OptIn;
import dev.hookwright.core.UnreadableObjectException;
import dev.hookwright.core.manifest.KindReader;
import dev.hookwright.core.patch.DeploymentRecord;
import dev.hookwright.core.patch.JsonPatches;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Optional;

/**
 * The injecting webhook's decision for a raw Deployment, shared by
 * {@code /mutate} and the dry run: deny bad values (leniently on unrelated UPDATEs), record
 * the Job, add or remove the readiness gate.
 */
public final class InjectionDecider {
    private final MigrationPlanner planner;

    public InjectionDecider(MigrationPlanner planner) {
        this.planner = planner;
    }

    /**
     * @param object           the Deployment as the API server sent it
     * @param oldObject        the stored Deployment on UPDATE, empty on CREATE
     * @param releaseParameter the dry run's {@code release} parameter
     * @throws UnreadableObjectException when the object is not a readable Deployment
     */
    public Decision decide(ObjectNode object, Optional<JsonNode> oldObject, Optional<String> releaseParameter) {
        Deployment deployment;
        try {
            deployment = toDeployment(object);
        } catch (KindReader.UnreadableObject unreadable) {
            // Nothing to do for a Deployment that has not opted in: not hookwright's to refuse.
            if (!OptIn.isOptedIn(object) && !DeploymentRecord.hasGate(object)) {
                return Decision.allow(new Plan.NotOptedIn(), List.of());
            }
            throw new UnreadableObjectException("not a readable apps/v1 Deployment: " + unreadable.getMessage(), null);
        }
        if (Deletion.isBeingDeleted(deployment)) {
            // Finalizer removal must never wedge on hookwright.
            return Decision.allow(new Plan.NotOptedIn(), List.of());
        }
        Plan plan = planner.plan(deployment, releaseParameter);
        if (oldObject.isPresent() && UpdateGuard.changesOnlyRecords(oldObject.get(), object)) {
            // The controller writing its record: never a patch (it would change the spec) and never a denial.
            return Decision.allow(plan, List.of());
        }
        if (plan instanceof Plan.Invalid invalid) {
            return invalid(invalid, object, oldObject);
        }
        if (plan instanceof Plan.Planned planned) {
            return Decision.patch(plan, recorded(object, planned.jobName(), planned.settings().holdsTraffic()),
                    planned.warnings().stream().map(warning -> "hookwright: " + warning.text()).toList());
        }
        // No migration will run, so a readiness gate hookwright added would hold the pods forever.
        List<String> warnings = plan instanceof Plan.NoRelease noRelease
                ? List.of("hookwright: " + noRelease.reason()) : List.of();
        return DeploymentRecord.hasGate(object)
                ? Decision.patch(plan, recorded(object, null, false), warnings)
                : Decision.allow(plan, warnings);
    }

    private static Decision invalid(Plan.Invalid invalid, ObjectNode object, Optional<JsonNode> oldObject) {
        if (oldObject.isPresent() && !UpdateGuard.touchesConfiguration(oldObject.get(), object)) {
            return Decision.allow(invalid, invalid.violations().stream()
                    .map(v -> "hookwright: no migration runs until this is fixed: " + v.message())
                    .toList());
        }
        return Decision.deny(invalid, "hookwright: " + invalid.message());
    }

    private static JsonNode recorded(ObjectNode object, String jobName, boolean holdsGate) {
        return JsonPatches.diff(object, DeploymentRecord.apply(object, jobName, holdsGate));
    }

    /**
     * The Deployment as the planner reads it: without {@code metadata.managedFields} and
     * {@code status}, which no part of hookwright reads. The API server sends managedFields
     * with every object, often a third of it; binding them was a third of the cost of binding
     * the Deployment. Only the two parents are copied, shallowly: the request object is left as
     * it came, for the patch to be a diff of.
     *
     * @throws KindReader.UnreadableObject naming the field, the value and what belongs there
     */
    static Deployment toDeployment(ObjectNode object) {
        ObjectNode read = object.objectNode().setAll(object);
        read.remove("status");
        if (object.get("metadata") instanceof ObjectNode metadata && metadata.has("managedFields")) {
            ObjectNode readMetadata = metadata.objectNode().setAll(metadata);
            readMetadata.remove("managedFields");
            read.set("metadata", readMetadata);
        }
        return KindReader.read(read, Deployment.class);
    }
}
