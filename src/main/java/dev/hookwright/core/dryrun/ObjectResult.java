package dev.hookwright.core.dryrun;

import dev.hookwright.core.manifest.Manifest;
import dev.hookwright.core.policy.Finding;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.List;

/** One object of the stream, what hookwright does with it, the Jobs it makes and every finding. */
public record ObjectResult(Manifest manifest, DryRunAction action, List<Job> jobs, List<Finding> findings) {

    public ObjectResult {
        jobs = List.copyOf(jobs);
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    /** The same result with findings that only the whole stream reveals. */
    public ObjectResult plus(List<Finding> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new ObjectResult(manifest, action, jobs, all);
    }
}
