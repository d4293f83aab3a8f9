package dev.hookwright.core.inject;

import dev.hookwright.core.helm.Release;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.settings.MigrationSettings;
import dev.hookwright.core.settings.Violation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
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
     * for, warnings that do not stop it, and the post-deploy (contract) Job of the same revision
     * when one is asked for.
     */
    record Planned(Release release, MigrationSettings settings, Job job, Optional<Job> seedJob,
            List<Finding> warnings, Optional<Job> postDeployJob) implements Plan {
        public Planned {
            warnings = List.copyOf(warnings);
        }

        public String jobName() {
            return job.getMetadata().getName();
        }

        /** Every Job of the plan in the order they run: migration, post-deploy, seed (their hook weights rise so). */
        public List<Job> jobs() {
            List<Job> jobs = new ArrayList<>(3);
            jobs.add(job);
            postDeployJob.ifPresent(jobs::add);
            seedJob.ifPresent(jobs::add);
            return List.copyOf(jobs);
        }
    }
}
