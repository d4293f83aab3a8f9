package dev.hookwright.core.dryrun;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.policy.Finding;

/** The report as docs/reference.md shows it: {@code summary} and {@code results}. */
public final class ReportJson {
    private ReportJson() {
    }

    public static ObjectNode of(Report report) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("objects", report.results().size());
        summary.put("jobs", report.jobs().size());
        summary.put("hookJobs", report.hookJobs());
        ObjectNode findings = summary.putObject("findings");
        findings.put("error", report.count(true));
        findings.put("warning", report.count(false));
        ArrayNode results = root.putArray("results");
        for (ObjectResult result : report.results()) {
            ObjectNode node = results.addObject();
            node.put("apiVersion", result.manifest().apiVersion());
            node.put("kind", result.manifest().kind());
            node.put("namespace", result.manifest().namespace());
            node.put("name", result.manifest().name());
            node.put("action", result.action().label());
            ArrayNode jobs = node.putArray("jobs");
            result.jobs().forEach(job -> jobs.add(Json.mapper().valueToTree(job)));
            ArrayNode list = node.putArray("findings");
            result.findings().forEach(finding -> list.add(finding(finding)));
        }
        return root;
    }

    private static ObjectNode finding(Finding finding) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("rule", finding.rule());
        node.put("severity", finding.severity().label());
        node.put("message", finding.message());
        node.put("path", finding.path());
        return node;
    }
}
