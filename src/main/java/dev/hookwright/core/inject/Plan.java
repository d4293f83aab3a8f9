package dev.hookwright.core.inject;

import dev.hookwright.core.helm.Release;
import dev.hookwright.core.settings.MigrationSettings;
import dev.hookwright.core.settings.Violation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;

/** What hookwright makes of one Deployment. */
public sealed interface Plan {

    /** No opt-in label: hookwright has nothing to do. */
    record NotOptedIn() implements Plan {
    }

    /** Opted in, but no source of CONTRACT §1 names a release. */
    record NoRelease(String reason) implements Plan {
    }

    /** Opted in with values hookwright does not accept: every one of them. */
    record Invalid(List<Violation> violations) implements Plan {
        public Invalid {
            violations = List.copyOf(violations);
        }

        public String message() {
            return String.join("; ", violations.stream().map(Violation::message).toList());
        }
    }

    /** The migration Job of the Deployment's current revision. */
    record Planned(Release release, MigrationSettings settings, Job job) implements Plan {
        public String jobName() {
            return job.getMetadata().getName();
        }
    }
}
