package dev.hookwright.core.settings;

import dev.hookwright.core.helm.HookEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A Deployment's migration settings after defaults: every annotation of docs/reference.md read and
 * within its accepted range.
 *
 * @param envConfigMap the ConfigMap for {@code envFrom}; empty when the user turned it off
 * @param envSecret    the Secret for {@code envFrom}; empty when the user turned it off
 * @param seed         the data-seeding Job, when asked for
 * @param retry        the retry policy, when not {@code none}; it then sets {@code backoffLimit}
 * @param volumes      PersistentVolumeClaim volumes the Job mounts anyway ({@code hookwright.dev/volumes})
 * @param resources    the migration container's resources; empty: the app container's
 * @param env          variables added to the migration's container ({@code hookwright.dev/env}), in the
 *                     order written; they override the reused container's variables of the same name
 * @param postDeploy   the post-deploy (contract) phase, when asked for
 */
public record MigrationSettings(
        List<String> command,
        List<String> args,
        SortedSet<HookEvent> events,
        int weight,
        Optional<String> container,
        int backoffLimit,
        int activeDeadlineSeconds,
        int ttlSecondsAfterFinished,
        Optional<String> revision,
        Optional<String> rerun,
        boolean skip,
        Optional<String> envConfigMap,
        Optional<String> envSecret,
        Optional<SeedSettings> seed,
        Optional<RetryPolicy> retry,
        List<String> volumes,
        Optional<ContainerResources> resources,
        Map<String, String> env,
        Optional<PostDeploySettings> postDeploy) {

    /** Whether the migration must finish before new pods take traffic. */
    public boolean holdsTraffic() {
        return events.stream().anyMatch(HookEvent::isPre);
    }
}
