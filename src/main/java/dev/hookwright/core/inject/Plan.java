package dev.hookwright.core.inject;

import dev.hookwright.core.helm.Release;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.settings.MigrationSettings;
import dev.hookwright.core.settings.Violation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;
import java.util.Optional;

/** What hookwright makes of one Deployment. */
public sealed interface Plan {

    /** No opt-in label: hookwright has nothing to do. */
    record NotOptedIn() implements Plan {
    }

    /** Opted in, but no release source names a release. */
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

    /**
     * The migration Job of the Deployment's current revision, the seed Job when one is asked
     * for, and warnings that do not stop it.
     */
    record Planned(Release release, MigrationSettings settings, Job job, Optional<Job> seedJob,
            List<Finding> warnings) implements Plan {
        public Planned {
            warnings = List.copyOf(warnings);
        }

        public String jobName() {
            return job.getMetadata().getName();
        }

        /** Every Job of the plan in the order Helm would run them (by hook weight). */
        public List<Job> jobs() {
            return seedJob.map(seed -> List.of(job, seed)).orElse(List.of(job));
        }
    }
}
