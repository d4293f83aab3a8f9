package dev.hookwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.admission.PolicyMode;
import dev.hookwright.controller.MigrationStatus;
import dev.hookwright.controller.NamespaceFilter;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.helm.Release;
import dev.hookwright.core.helm.ReleaseDetector;
import dev.hookwright.core.helm.ReleaseSource;
import dev.hookwright.core.inject.Decision;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.kube.ClusterView;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The text of {@code hookwright explain}: every reason hookwright has for what it did with one
 * Deployment, in the order the webhook and the controller filter, judged by the same core the
 * webhook runs (so a stored bad value shows the webhook's own denial message).
 */
final class Explainer {
    static final String POLICY_LABEL = Keys.PREFIX + "policy";

    /** What explain prints and the problem that makes it exit 1, if any. */
    record Explanation(String text, Optional<Problems.Problem> problem) {
    }

    private final Instant now;
    private final InjectionDecider decider;
    private final Set<String> excludedNamespaces;
    private final String ownNamespace;
    private final Duration waitingLimit;

    Explainer(Instant now, InjectionDecider decider, Set<String> excludedNamespaces, String ownNamespace,
            Duration waitingLimit) {
        this.now = now;
        this.decider = decider;
        this.excludedNamespaces = Set.copyOf(excludedNamespaces);
        this.ownNamespace = ownNamespace;
        this.waitingLimit = waitingLimit;
    }

    Explanation explain(Deployment deployment, ClusterView view) {
        String ns = deployment.getMetadata().getNamespace();
        Map<String, String> annotations = Records.annotations(deployment);
        Lines out = new Lines();
        out.line("Deployment:", ns + "/" + deployment.getMetadata().getName());

        // Each reason why the webhook or the controller would pass it by, in the order they filter.
        boolean optedIn = optIn(Records.labels(deployment).get(Keys.OPT_IN_LABEL), out);
        Map<String, String> nsLabels = readNamespace(view, ns, out).map(n -> n.getMetadata().getLabels()).orElse(null);
        boolean served = namespaceVerdict(ns, nsLabels, out);
        policyMode(nsLabels, out);
        release(deployment, out);
        Decision decision = decider.decide((ObjectNode) Json.mapper().valueToTree(deployment), Optional.empty(),
                Optional.empty());
        settings(decision, annotations, out);

        // What the controller recorded and what is in the cluster now.
        records(deployment, out);
        history(deployment, out);
        List<Job> jobs = view.jobsOf(deployment);
        jobs(jobs, out);
        List<Pod> gated = view.podsOf(deployment).stream().filter(Explainer::waitsForMigration).toList();
        out.line("Gated pods:", gated.isEmpty() ? "none waiting for " + Keys.READINESS_GATE
                : gated.size() + " waiting for " + Keys.READINESS_GATE + ": "
                + String.join(", ", gated.stream().map(p -> p.getMetadata().getName()).sorted().toList()));

        boolean injected = optedIn && served && decision.plan() instanceof Plan.Planned;
        out.line("Injected:", injected ? "yes: the webhook records " + ((Plan.Planned) decision.plan()).jobName()
                + " and the controller runs it" : "no: see the reasons above");
        Optional<Problems.Problem> problem = Problems.first(deployment, jobs, now, waitingLimit);
        out.line("Verdict:", problem.map(p -> p.kind().name() + ": " + p.reason()
                        + (p.kind() == Problems.Kind.FAILED ? "; logs: kubectl logs -n " + ns + " job/" + p.status().jobName()
                        + " --all-containers" : ""))
                .orElse("OK"));
        return new Explanation(out.toString(), problem);
    }

    private static boolean optIn(String value, Lines out) {
        if (value == null) {
            out.line("Opt-in:", "no: label " + Keys.OPT_IN_LABEL + " is missing; add " + Keys.OPT_IN_LABEL + ": "
                    + Keys.OPT_IN_VALUE);
        } else if (Keys.OPT_IN_VALUE.equals(value)) {
            out.line("Opt-in:", "yes: label " + Keys.OPT_IN_LABEL + ": " + value + " (the webhook and the controller act)");
        } else if ("rendered".equals(value)) {
            out.line("Opt-in:", "rendered: label " + Keys.OPT_IN_LABEL + ": rendered marks output of `hookwright render`; "
                    + "the webhook and the controller leave it alone (its chart carries the migration Job)");
        } else {
            out.line("Opt-in:", "no: label " + Keys.OPT_IN_LABEL + ": \"" + value + "\"; only " + Keys.OPT_IN_VALUE
                    + " opts in");
        }
        return Keys.OPT_IN_VALUE.equals(value);
    }

    private static void release(Deployment deployment, Lines out) {
        Optional<Release> release = ReleaseDetector.detect(Records.annotations(deployment), Records.labels(deployment),
                Optional.empty());
        release.ifPresentOrElse(r -> out.line("Release:", (r.name().isEmpty() ? "\"\"" : r.name()) + " (from "
                        + r.source().description() + ")"
                        + (r.source() == ReleaseSource.INSTANCE_LABEL ? "; the webhook sees it only when the chart's "
                        + "webhooks.mutate.matchInstanceLabel is on" : "")),
                () -> out.line("Release:", "none: set annotation " + Keys.RELEASE + ", or install with Helm "
                        + "(annotation " + Keys.HELM_RELEASE_NAME + ")"));
    }

    private void records(Deployment deployment, Lines out) {
        for (Records.Step step : Records.Step.values()) {
            Optional<String> stored = Optional.ofNullable(Records.annotations(deployment).get(step.key));
            Optional<MigrationStatus> status = Records.status(deployment, step);
            String since = Records.writtenAt(deployment, step.key)
                    .map(at -> ", recorded " + Age.of(Duration.between(at, now)) + " ago").orElse("");
            out.line(capitalized(step.word) + ":", status.map(s -> s.jobName() + " " + s.phase().name() + since)
                    .orElse(stored.map(v -> "unreadable record \"" + StatusRow.oneLine(v) + "\"")
                            .orElse("no record (" + step.key + ")")));
        }
        out.line("Message:", Records.message(deployment).map(StatusRow::oneLine).orElse("none"));
    }

    private static void history(Deployment deployment, Lines out) {
        Records.History history = Records.history(deployment);
        if (history.unreadable().isPresent()) {
            out.line("History:", "unreadable: " + history.unreadable().get());
        } else if (history.entries().isEmpty()) {
            out.line("History:", "none");
        } else {
            out.line("History:", history.entries().size() + " final outcome(s), newest first");
            out.table(List.of("JOB", "OUTCOME", "AT"), history.entries().stream()
                    .map(e -> List.of(e.job(), e.outcome(), e.at())).toList());
        }
    }

    private void jobs(List<Job> jobs, Lines out) {
        if (jobs.isEmpty()) {
            out.line("Jobs:", "none");
            return;
        }
        out.line("Jobs:", jobs.size() + " made by hookwright");
        out.table(List.of("NAME", "STATE", "AGE", "DEADLINE"), jobs.stream()
                .sorted(Comparator.comparing((Job j) -> Optional.ofNullable(j.getMetadata().getCreationTimestamp())
                        .orElse("")).reversed())
                .map(job -> List.of(job.getMetadata().getName(), Problems.jobState(job),
                        started(job).map(at -> Age.of(Duration.between(at, now))).orElse("-"), deadline(job, now)))
                .toList());
    }

    private static Optional<Namespace> readNamespace(ClusterView view, String ns, Lines out) {
        try {
            return view.namespace(ns);
        } catch (ClusterView.Unreachable e) {
            // Reading Namespaces needs a cluster-scoped permission a developer often lacks: say so and go on.
            out.line("Namespace:", "its labels could not be read (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private boolean namespaceVerdict(String ns, Map<String, String> nsLabels, Lines out) {
        if (ns.equals(ownNamespace)) {
            out.line("Namespace:", ns + " is excluded: it is hookwright's own namespace, which it never serves");
            return false;
        }
        if (excludedNamespaces.contains(ns)) {
            out.line("Namespace:", ns + " is excluded (hookwright.controller.excluded-namespaces; the webhooks never "
                    + "serve kube-system)");
            return false;
        }
        if (NamespaceFilter.isIgnored(nsLabels)) {
            out.line("Namespace:", ns + " is ignored: labelled " + NamespaceFilter.IGNORE_LABEL + ": \"true\"");
            return false;
        }
        if (nsLabels != null) {
            out.line("Namespace:", ns + " is served (not excluded, no " + NamespaceFilter.IGNORE_LABEL + " label)");
        }
        return true;
    }

    private static void policyMode(Map<String, String> nsLabels, Lines out) {
        if (nsLabels == null) {
            return;
        }
        String mode = nsLabels.get(POLICY_LABEL);
        if (mode == null) {
            out.line("Policy:", "the server's default mode (hookwright.policy.default-mode, shipped: warn); "
                    + "no " + POLICY_LABEL + " label on the namespace");
        } else if (PolicyMode.parse(mode).isPresent()) {
            out.line("Policy:", mode + " (namespace label " + POLICY_LABEL + ")");
        } else {
            out.line("Policy:", "the server's default mode: namespace label " + POLICY_LABEL + ": \"" + mode
                    + "\" is not one of " + PolicyMode.accepted());
        }
    }

    private static void settings(Decision decision, Map<String, String> annotations, Lines out) {
        Plan plan = decision.plan();
        if (plan instanceof Plan.Invalid invalid) {
            out.line("Settings:", "invalid: the controller records Invalid and runs nothing; the webhook denies a change "
                    + "with:");
            out.indented(decision.denial().orElse("hookwright: " + invalid.message()));
        } else if (plan instanceof Plan.NoRelease noRelease) {
            out.line("Settings:", "not read: " + noRelease.reason());
        } else if (plan instanceof Plan.Planned planned) {
            String recorded = annotations.get(Keys.MIGRATION_JOB);
            out.line("Settings:", "valid; this revision's migration Job is " + planned.jobName()
                    + (planned.seedJob().map(seed -> ", then the seed Job " + seed.getMetadata().getName()).orElse("")));
            if (recorded != null && !recorded.equals(planned.jobName())) {
                out.indented("the webhook recorded " + Keys.MIGRATION_JOB + ": " + recorded + ", so it did not see the "
                        + "latest change (was it down, or the Deployment edited with it off?)");
            }
            decision.warnings().forEach(out::indented);
        } else {
            out.line("Settings:", "not read (not opted in)");
        }
    }

    /** When the Job started (its pods could be created), else when it was made: the AGE of the Jobs table. */
    private static Optional<Instant> started(Job job) {
        return Optional.ofNullable(job.getStatus()).flatMap(status -> Records.parseTime(status.getStartTime()))
                .or(() -> Records.parseTime(job.getMetadata().getCreationTimestamp()));
    }

    private static String deadline(Job job, Instant now) {
        if (Problems.isFinished(job)) {
            return "-";
        }
        return Problems.deadline(job).map(at -> at.isBefore(now) ? "passed " + Age.of(Duration.between(at, now)) + " ago"
                : "in " + Age.of(Duration.between(now, at))).orElse("-");
    }

    static boolean waitsForMigration(Pod pod) {
        boolean gated = pod.getSpec() != null && pod.getSpec().getReadinessGates() != null && pod.getSpec().getReadinessGates()
                .stream().anyMatch(gate -> Keys.READINESS_GATE.equals(gate.getConditionType()));
        boolean released = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> Keys.READINESS_GATE.equals(c.getType()) && "True".equals(c.getStatus()));
        return gated && !released && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** "Key:  value" lines with the values aligned, and indented blocks under them. */
    private static final class Lines {
        private static final int KEY_WIDTH = 13;
        private final StringBuilder text = new StringBuilder();

        void line(String key, String value) {
            text.append(key).append(" ".repeat(Math.max(1, KEY_WIDTH - key.length()))).append(value).append('\n');
        }

        void indented(String value) {
            text.append("  ").append(value).append('\n');
        }

        void table(List<String> header, List<List<String>> rows) {
            Table.render(header, rows).lines().forEach(this::indented);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
