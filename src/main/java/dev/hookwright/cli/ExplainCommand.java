package dev.hookwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.config.Engines;
import dev.hookwright.config.HookwrightConfig;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hookwright explain deployment/NAME}: why a Deployment was or was not injected and
 * migrated, every reason hookwright has, read from the cluster and judged by the same core the
 * webhook runs. Exit 0 nothing wrong, 1 a failed or stuck migration, 2 bad usage or no cluster.
 */
@Command(name = "hookwright explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Explain why a Deployment was or was not injected and migrated: opt-in, release, namespace, "
                + "policy mode, settings, records, history, Jobs and pods waiting for their migration.",
        footer = {"%nExit status: 0 nothing wrong, 1 a migration Failed, past its Job's deadline, or Waiting too long,",
                "2 bad usage, no such Deployment, or no cluster.",
                "Settings are judged with this process's hookwright.* configuration (environment variables such as",
                "HOOKWRIGHT_MIGRATION_DEFAULT_COMMAND), as `hookwright check` does: give it the server's.",
                "%nExample: hookwright explain deployment/shop-web -n shop"})
public final class ExplainCommand implements Callable<Integer> {
    private static final Pattern TARGET = Pattern.compile("(?:deployments?|deploy|deployments?\\.apps)/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)");
    /** Where the chart installs hookwright unless told otherwise; the webhooks never serve it. */
    static final String DEFAULT_OWN_NAMESPACE = "hookwright";
    static final String POLICY_LABEL = Keys.PREFIX + "policy";

    @Parameters(index = "0", paramLabel = "deployment/NAME", description = "the Deployment to explain")
    String target;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "its namespace (default: the context's)")
    String namespace;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "the kubeconfig context to use")
    String context;

    @Option(names = "--hookwright-namespace", paramLabel = "NS", defaultValue = DEFAULT_OWN_NAMESPACE,
            description = "the namespace hookwright runs in, which it never serves (default: ${DEFAULT-VALUE})")
    String ownNamespace;

    @Option(names = "--stuck-waiting-after", paramLabel = "DURATION", defaultValue = "30m",
            converter = DurationConverter.class,
            description = "a migration Waiting longer than this counts as stuck (default: ${DEFAULT-VALUE})")
    Duration waitingLimit;

    private final ClusterConnection.Opener opener;
    private final Clock clock;
    private final InjectionDecider decider;
    private final Set<String> excludedNamespaces;
    private final PrintStream stdout;
    private final PrintStream stderr;

    ExplainCommand(ClusterConnection.Opener opener, Clock clock, InjectionDecider decider, Set<String> excludedNamespaces,
            PrintStream stdout, PrintStream stderr) {
        this.opener = opener;
        this.clock = clock;
        this.decider = decider;
        this.excludedNamespaces = Set.copyOf(excludedNamespaces);
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        HookwrightConfig config;
        try {
            config = OfflineConfig.load();
        } catch (IllegalStateException | IllegalArgumentException badConfiguration) {
            stderr.println("hookwright explain: " + badConfiguration.getMessage());
            return Commands.BAD_USAGE;
        }
        try {
            return run(ClusterConnection::open, Clock.systemUTC(), Engines.decider(config),
                    Set.copyOf(config.controller().excludedNamespaces()), args, stdout, stderr);
        } catch (IllegalStateException badConfiguration) {
            stderr.println("hookwright explain: " + badConfiguration.getMessage());
            return Commands.BAD_USAGE;
        }
    }

    static int run(ClusterConnection.Opener opener, Clock clock, InjectionDecider decider, Set<String> excluded,
            String[] args, PrintStream stdout, PrintStream stderr) {
        return Commands.execute(new ExplainCommand(opener, clock, decider, excluded, stdout, stderr), "hookwright explain",
                args, stdout, stderr);
    }

    @Override
    public Integer call() {
        Matcher matcher = TARGET.matcher(target);
        if (!matcher.matches()) {
            stderr.println("hookwright explain: \"" + target + "\": write deployment/NAME, e.g. deployment/shop-web");
            return Commands.BAD_USAGE;
        }
        String name = matcher.group(1);
        try (ClusterConnection cluster = opener.open(Optional.ofNullable(context))) {
            String ns = Optional.ofNullable(namespace).orElse(cluster.defaultNamespace());
            ClusterView view = cluster.view();
            Optional<Deployment> found = view.deployment(ns, name);
            if (found.isEmpty()) {
                stderr.println("hookwright explain: deployment " + ns + "/" + name + " not found");
                return Commands.BAD_USAGE;
            }
            Deployment deployment = found.get();
            Explanation explanation = explain(deployment, view);
            stdout.print(explanation.text());
            stdout.flush();
            return explanation.problem().isPresent() ? StatusCommand.PROBLEM : StatusCommand.OK;
        } catch (ClusterView.Unreachable e) {
            stderr.println("hookwright explain: " + e.getMessage());
            return Commands.BAD_USAGE;
        } catch (RuntimeException e) {
            stderr.println("hookwright explain: no cluster: " + e.getMessage());
            return Commands.BAD_USAGE;
        }
    }

    record Explanation(String text, Optional<Problems.Problem> problem) {
    }

    private Explanation explain(Deployment deployment, ClusterView view) {
        Instant now = clock.instant();
        String ns = deployment.getMetadata().getNamespace();
        Map<String, String> labels = Records.labels(deployment);
        Map<String, String> annotations = Records.annotations(deployment);
        Lines out = new Lines();
        out.line("Deployment:", ns + "/" + deployment.getMetadata().getName());

        // Each reason why the webhook or the controller would pass it by, in the order they filter.
        String optIn = labels.get(Keys.OPT_IN_LABEL);
        boolean optedIn = Keys.OPT_IN_VALUE.equals(optIn);
        if (optIn == null) {
            out.line("Opt-in:", "no: label " + Keys.OPT_IN_LABEL + " is missing; add " + Keys.OPT_IN_LABEL + ": "
                    + Keys.OPT_IN_VALUE);
        } else if (optedIn) {
            out.line("Opt-in:", "yes: label " + Keys.OPT_IN_LABEL + ": " + optIn + " (the webhook and the controller act)");
        } else if ("rendered".equals(optIn)) {
            out.line("Opt-in:", "rendered: label " + Keys.OPT_IN_LABEL + ": rendered marks output of `hookwright render`; "
                    + "the webhook and the controller leave it alone (its chart carries the migration Job)");
        } else {
            out.line("Opt-in:", "no: label " + Keys.OPT_IN_LABEL + ": \"" + optIn + "\"; only " + Keys.OPT_IN_VALUE
                    + " opts in");
        }

        Optional<Namespace> namespaceObject = readNamespace(view, ns, out);
        Map<String, String> nsLabels = namespaceObject.map(n -> n.getMetadata().getLabels()).orElse(null);
        boolean served = namespaceVerdict(ns, nsLabels, out);
        policyMode(nsLabels, out);

        Optional<Release> release = ReleaseDetector.detect(annotations, labels, Optional.empty());
        release.ifPresentOrElse(r -> out.line("Release:", (r.name().isEmpty() ? "\"\"" : r.name()) + " (from "
                        + r.source().description() + ")"
                        + (r.source() == ReleaseSource.INSTANCE_LABEL ? "; the webhook sees it only when the chart's "
                        + "webhooks.mutate.matchInstanceLabel is on" : "")),
                () -> out.line("Release:", "none: set annotation " + Keys.RELEASE + ", or install with Helm "
                        + "(annotation " + Keys.HELM_RELEASE_NAME + ")"));

        Decision decision = decider.decide((ObjectNode) Json.mapper().valueToTree(deployment), Optional.empty(),
                Optional.empty());
        settings(decision, annotations, out);
        boolean injected = optedIn && served && decision.plan() instanceof Plan.Planned;

        List<Job> jobs = view.jobsOf(deployment);
        for (Records.Step step : Records.Step.values()) {
            Optional<String> stored = Optional.ofNullable(annotations.get(step.key));
            Optional<MigrationStatus> status = Records.status(deployment, step);
            String since = Records.writtenAt(deployment, step.key)
                    .map(at -> ", recorded " + Age.of(Duration.between(at, now)) + " ago").orElse("");
            out.line(capitalized(step.word) + ":", status.map(s -> s.jobName() + " " + s.phase().name() + since)
                    .orElse(stored.map(v -> "unreadable record \"" + StatusRow.oneLine(v) + "\"")
                            .orElse("no record (" + step.key + ")")));
        }
        out.line("Message:", Records.message(deployment).map(StatusRow::oneLine).orElse("none"));
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
        if (jobs.isEmpty()) {
            out.line("Jobs:", "none");
        } else {
            out.line("Jobs:", jobs.size() + " made by hookwright");
            out.table(List.of("NAME", "STATE", "AGE", "DEADLINE"), jobs.stream()
                    .sorted(Comparator.comparing((Job j) -> Optional.ofNullable(j.getMetadata().getCreationTimestamp())
                            .orElse("")).reversed())
                    .map(job -> List.of(job.getMetadata().getName(), Problems.jobState(job),
                            started(job).map(at -> Age.of(Duration.between(at, now))).orElse("-"),
                            deadline(job, now)))
                    .toList());
        }
        List<Pod> gated = view.podsOf(deployment).stream().filter(ExplainCommand::waitsForMigration).toList();
        out.line("Gated pods:", gated.isEmpty() ? "none waiting for " + Keys.READINESS_GATE
                : gated.size() + " waiting for " + Keys.READINESS_GATE + ": "
                + String.join(", ", gated.stream().map(p -> p.getMetadata().getName()).sorted().toList()));

        Optional<Problems.Problem> problem = Problems.first(deployment, jobs, now, waitingLimit);
        out.line("Injected:", injected ? "yes: the webhook records " + ((Plan.Planned) decision.plan()).jobName()
                + " and the controller runs it" : "no: see the reasons above");
        out.line("Verdict:", problem.map(p -> p.kind().name() + ": " + p.reason()
                        + (p.kind() == Problems.Kind.FAILED ? "; logs: kubectl logs -n " + ns + " job/" + p.status().jobName()
                        + " --all-containers" : ""))
                .orElse("OK"));
        return new Explanation(out.toString(), problem);
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
        if (nsLabels != null && nsLabels.containsKey(NamespaceFilter.IGNORE_LABEL)) {
            out.line("Namespace:", ns + " is ignored: labelled " + NamespaceFilter.IGNORE_LABEL + ": \""
                    + nsLabels.get(NamespaceFilter.IGNORE_LABEL) + "\" (any value counts)");
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
        } else if (List.of("enforce", "warn", "off").contains(mode)) {
            out.line("Policy:", mode + " (namespace label " + POLICY_LABEL + ")");
        } else {
            out.line("Policy:", "the server's default mode: namespace label " + POLICY_LABEL + ": \"" + mode
                    + "\" is not one of enforce, warn, off");
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
