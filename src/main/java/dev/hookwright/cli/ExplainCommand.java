package dev.hookwright.cli;

import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.kube.ClusterView;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Clock;
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

    @Parameters(index = "0", paramLabel = "deployment/NAME", description = "the Deployment to explain")
    String target;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "its namespace (default: the context's)")
    String namespace;

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--hookwright-namespace", paramLabel = "NS", defaultValue = DEFAULT_OWN_NAMESPACE,
            description = "the namespace hookwright runs in, which it never serves (default: ${DEFAULT-VALUE})")
    String ownNamespace;

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
        OfflineConfig config;
        InjectionDecider decider;
        try {
            config = OfflineConfig.load();
            decider = Check.offlineEngine().decider();
        } catch (RuntimeException badConfiguration) {
            stderr.println("hookwright explain: " + badConfiguration.getMessage());
            return Commands.BAD_USAGE;
        }
        try {
            return run(ClusterConnection::open, Clock.systemUTC(), decider,
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
        try (ClusterConnection cluster = opener.open(clusterOptions.context())) {
            String ns = Optional.ofNullable(namespace).orElse(cluster.defaultNamespace());
            ClusterView view = cluster.view();
            Optional<Deployment> found = view.deployment(ns, name);
            if (found.isEmpty()) {
                stderr.println("hookwright explain: deployment " + ns + "/" + name + " not found");
                return Commands.BAD_USAGE;
            }
            Explainer.Explanation explanation = new Explainer(clock.instant(), decider, excludedNamespaces, ownNamespace, clusterOptions.waitingLimit)
                    .explain(found.get(), view);
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

}
