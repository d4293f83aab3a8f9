package dev.hookwright.core.dryrun;

import dev.hookwright.core.policy.Finding;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;

/** The dry run's answer for a whole stream. */
public record Report(List<ObjectResult> results) {

    public Report {
        results = List.copyOf(results);
    }

    public boolean hasErrors() {
        return results.stream().anyMatch(ObjectResult::hasErrors);
    }

    public List<Job> jobs() {
        return results.stream().flatMap(result -> result.jobs().stream()).toList();
    }

    /** The hook Jobs checked against the policy (the synthesized ones are counted by {@link #jobs()}). */
    public long hookJobs() {
        return results.stream().filter(result -> result.action() == DryRunAction.VALIDATE).count();
    }

    public long count(boolean errors) {
        return results.stream().flatMap(result -> result.findings().stream())
                .filter(finding -> finding.isError() == errors).count();
    }

    public List<Finding> findings() {
        return results.stream().flatMap(result -> result.findings().stream()).toList();
    }
}
