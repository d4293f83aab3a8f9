package dev.hookwright.core;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

import java.util.List;
import java.util.Optional;

/**
 * A Job's terminal conditions as the Job controller sets them: {@code Complete} or {@code Failed}
 * with status {@code "True"}. Nothing else (counts of pods, a deadline) says a Job has ended.
 */
public final class JobConditions {
    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";

    private JobConditions() {
    }

    public static boolean isComplete(Job job) {
        return condition(job, COMPLETE).isPresent();
    }

    public static boolean isFailed(Job job) {
        return failed(job).isPresent();
    }

    /** The {@code Failed} condition, for its reason, message and time. */
    public static Optional<JobCondition> failed(Job job) {
        return condition(job, FAILED);
    }

    /** The condition of that type whose status is {@code "True"}, if any. */
    public static Optional<JobCondition> condition(Job job, String type) {
        List<JobCondition> conditions = job == null || job.getStatus() == null || job.getStatus().getConditions() == null
                ? List.of() : job.getStatus().getConditions();
        return conditions.stream().filter(c -> c != null && type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }
}
