package dev.hookwright.core.dryrun;

import dev.hookwright.core.policy.Finding;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The report as a person reads it in a CI log: one line per object, one per finding, then a
 * summary line.
 */
public final class ReportText {
    private ReportText() {
    }

    public static String of(Report report) {
        StringBuilder text = new StringBuilder();
        for (ObjectResult result : report.results()) {
            String namespace = result.manifest().namespace();
            text.append(result.manifest().kind()).append(' ')
                    .append(namespace.isEmpty() ? "" : namespace + "/").append(result.manifest().name())
                    .append(": ").append(result.action().label());
            for (Job job : result.jobs()) {
                text.append(' ').append(job.getMetadata().getName());
            }
            text.append('\n');
            for (Finding finding : result.findings()) {
                text.append(String.format("  %-7s %s: %s%n", finding.severity().label(), finding.rule(), finding.message()));
            }
        }
        long errors = report.count(true);
        long warnings = report.count(false);
        text.append(String.format("%d %s, %d %s synthesized, %d hook %s checked, %d %s, %d %s%n",
                report.results().size(), plural(report.results().size(), "object"),
                report.jobs().size(), plural(report.jobs().size(), "Job"),
                report.hookJobs(), plural(report.hookJobs(), "Job"),
                errors, plural(errors, "error"), warnings, plural(warnings, "warning")));
        return text.toString();
    }

    private static String plural(long count, String word) {
        return count == 1 ? word : word + "s";
    }
}
