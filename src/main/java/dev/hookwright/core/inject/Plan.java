package dev.hookwright.core.inject;

import dev.hookwright.core.helm.Release;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.settings.MigrationSettings;
import dev.hookwright.core.settings.Violation;
import dev.hookwright.core.synth.JobRequest;
import dev.hookwright.core.synth.JobSynthesizer;
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
     *
     * <p>The names are known at once; each Job is synthesized the first time it is asked for.
     * {@code /mutate} records only the migration Job's name, and building the whole Job was
     * the largest cost of its answer (about 30 % of a request's CPU in a profile under load).
     * The Deployment a plan was made from must not change afterwards: the Jobs are made from it.
     */
    final class Planned implements Plan {
        private final Release release;
        private final MigrationSettings settings;
        private final List<Finding> warnings;
        private final Synthesis job;
        private final Optional<Synthesis> seedJob;
        private final Optional<Synthesis> postDeployJob;

        Planned(Release release, MigrationSettings settings, JobRequest job, Optional<JobRequest> seedJob,
                List<Finding> warnings, Optional<JobRequest> postDeployJob) {
            this.release = release;
            this.settings = settings;
            this.warnings = List.copyOf(warnings);
            this.job = new Synthesis(job);
            this.seedJob = seedJob.map(Synthesis::new);
            this.postDeployJob = postDeployJob.map(Synthesis::new);
        }

        public Release release() {
            return release;
        }

        public MigrationSettings settings() {
            return settings;
        }

        public List<Finding> warnings() {
            return warnings;
        }

        public String jobName() {
            return job.request.name();
        }

        public Job job() {
            return job.get();
        }

        public Optional<Job> seedJob() {
            return seedJob.map(Synthesis::get);
        }

        public Optional<Job> postDeployJob() {
            return postDeployJob.map(Synthesis::get);
        }

        /** Every Job of the plan in the order they run: migration, post-deploy, seed (their hook weights rise so). */
        public List<Job> jobs() {
            List<Job> jobs = new ArrayList<>(3);
            jobs.add(job());
            postDeployJob().ifPresent(jobs::add);
            seedJob().ifPresent(jobs::add);
            return List.copyOf(jobs);
        }

        @Override
        public String toString() {
            return "Planned[" + release.name() + ", " + jobName() + "]";
        }

        /** One Job, synthesized once on first use; a plan may be read from more than one thread. */
        private static final class Synthesis {
            private final JobRequest request;
            private volatile Job job;

            Synthesis(JobRequest request) {
                this.request = request;
            }

            Job get() {
                Job made = job;
                if (made == null) {
                    synchronized (this) {
                        made = job;
                        if (made == null) {
                            made = JobSynthesizer.synthesize(request);
                            job = made;
                        }
                    }
                }
                return made;
            }
        }
    }
}
