package dev.hookwright.core.dryrun;

import dev.hookwright.core.policy.Finding;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conflict}: two opted-in Deployments of one release that would make different Jobs of
 * one name. The controller would run one and report the other as a conflict; in CI it is an
 * error, because only one Deployment per release should opt in.
 */
final class Conflicts {
    static final String RULE = "conflict";

    private Conflicts() {
    }

    static List<ObjectResult> flag(List<ObjectResult> results) {
        Map<String, ObjectResult> firstByJob = new HashMap<>();
        List<ObjectResult> flagged = new ArrayList<>(results.size());
        for (ObjectResult result : results) {
            List<Finding> conflicts = new ArrayList<>();
            for (Job job : result.jobs()) {
                String key = job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
                ObjectResult first = firstByJob.putIfAbsent(key, result);
                if (first != null && first != result && !sameJob(first, job)) {
                    conflicts.addAll(Finding.error(RULE, "metadata.labels[hookwright.dev/migrations]",
                            "Deployment " + first.manifest().name() + " already makes a different Job named "
                                    + job.getMetadata().getName() + " for this release; opt in one Deployment per "
                                    + "release (the one whose image carries the migrations)"));
                }
            }
            flagged.add(result.plus(conflicts));
        }
        return flagged;
    }

    private static boolean sameJob(ObjectResult first, Job job) {
        return first.jobs().stream().anyMatch(job::equals);
    }
}
