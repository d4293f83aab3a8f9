package dev.hookwright.controller;

import dev.hookwright.core.JobConditions;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

import java.util.List;

/** Where a Job is, read from its status only. */
public enum JobState {
    /**
     * No pod has been counted: {@code status.active}, {@code ready}, {@code succeeded},
     * {@code failed} and {@code terminating} are all 0 or absent, {@code uncountedTerminatedPods}
     * is empty and no condition is set. {@code startTime} is ignored
     * on purpose: the Job controller sets it on its first sync, before any pod exists. The
     * decider additionally asks that no pod of the Job exists before it replaces one.
     */
    NOT_STARTED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public static JobState of(Job job) {
        JobStatus status = job.getStatus();
        if (status == null) {
            return NOT_STARTED;
        }
        List<JobCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        if (JobConditions.isComplete(job)) {
            return SUCCEEDED;
        }
        if (JobConditions.isFailed(job)) {
            return FAILED;
        }
        // After its pods ended the Job controller writes active: 0 with uncountedTerminatedPods and no
        // condition yet, and after an eviction terminating > 0: both mean a pod has run.
        boolean counted = positive(status.getActive()) || positive(status.getReady())
                || positive(status.getSucceeded()) || positive(status.getFailed()) || positive(status.getTerminating())
                || uncounted(status);
        // SuccessCriteriaMet / FailureTarget are set before Complete / Failed: the pod has run.
        return counted || !conditions.isEmpty() ? RUNNING : NOT_STARTED;
    }

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }

    private static boolean uncounted(JobStatus status) {
        var pods = status.getUncountedTerminatedPods();
        return pods != null && (pods.getSucceeded() != null && !pods.getSucceeded().isEmpty()
                || pods.getFailed() != null && !pods.getFailed().isEmpty());
    }

    private static boolean positive(Integer count) {
        return count != null && count > 0;
    }
}
