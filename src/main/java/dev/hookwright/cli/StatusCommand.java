package dev.hookwright.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hookwright.core.Json;
import dev.hookwright.kube.ClusterView;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hookwright status}: one line per opted-in Deployment, read from the cluster. Exit 0
 * when nothing is wrong, 1 when a migration failed or is stuck, 2 for bad usage or no cluster.
 */
@Command(name = "hookwright status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show the migration of every opted-in Deployment (label hookwright.dev/migrations: enabled).",
        footer = {"%nColumns: NAMESPACE NAME RELEASE JOB PHASE AGE MESSAGE; AGE is the time since the phase was recorded.",
                "PHASE reads Seed:<phase> or PostDeploy:<phase> when that later step is the one that failed or is stuck.",
                "%nExit status: 0 nothing wrong, 1 a migration Failed, past its Job's deadline, or Waiting too long,",
                "2 bad usage or no cluster.",
                "The cluster is found as kubectl finds it: KUBECONFIG, ~/.kube/config, then in-cluster."})
public final class StatusCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int PROBLEM = 1;
    public static final int BAD_USAGE = 2;
    static final List<String> HEADER = List.of("NAMESPACE", "NAME", "RELEASE", "JOB", "PHASE", "AGE", "MESSAGE");

    public enum Output { text, json }

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "the namespace (default: the context's)")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "every namespace")
    boolean allNamespaces;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (a list of objects)")
    Output output;

    @Mixin
    ClusterOptions clusterOptions;

    private final ClusterConnection.Opener opener;
    private final Clock clock;
    private final PrintStream stdout;
    private final PrintStream stderr;

    StatusCommand(ClusterConnection.Opener opener, Clock clock, PrintStream stdout, PrintStream stderr) {
        this.opener = opener;
        this.clock = clock;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        return run(ClusterConnection::open, Clock.systemUTC(), args, stdout, stderr);
    }

    static int run(ClusterConnection.Opener opener, Clock clock, String[] args, PrintStream stdout, PrintStream stderr) {
        return Commands.execute(new StatusCommand(opener, clock, stdout, stderr), "hookwright status", args, stdout, stderr);
    }

    @Override
    public Integer call() {
        if (allNamespaces && namespace != null) {
            stderr.println("hookwright status: give either -n NS or -A, not both");
            return BAD_USAGE;
        }
        try (ClusterConnection cluster = opener.open(clusterOptions.context())) {
            Optional<String> scope = allNamespaces ? Optional.empty() : Optional.of(Optional.ofNullable(namespace)
                    .orElse(cluster.defaultNamespace()));
            Instant now = clock.instant();
            ClusterView view = cluster.view();
            List<StatusRow> rows = view.optedIn(scope).stream()
                    .sorted(Comparator.comparing((Deployment d) -> d.getMetadata().getNamespace())
                            .thenComparing(d -> d.getMetadata().getName()))
                    .map(deployment -> StatusRow.of(deployment, view.jobsOf(deployment), now, clusterOptions.waitingLimit))
                    .toList();
            print(rows, scope, now);
            return rows.stream().anyMatch(row -> row.problem().isPresent()) ? PROBLEM : OK;
        } catch (ClusterView.Unreachable e) {
            stderr.println("hookwright status: " + e.getMessage());
            return BAD_USAGE;
        } catch (RuntimeException e) {
            // The kubeconfig itself could not be read or used.
            stderr.println("hookwright status: no cluster: " + e.getMessage());
            return BAD_USAGE;
        }
    }

    private void print(List<StatusRow> rows, Optional<String> scope, Instant now) {
        if (output == Output.json) {
            ArrayNode list = Json.mapper().createArrayNode();
            rows.forEach(row -> list.add(row.json()));
            stdout.println(list.toPrettyString());
        } else if (rows.isEmpty()) {
            // As kubectl does: the table goes to standard output, "nothing found" to standard error.
            stderr.println("No opted-in Deployments found" + scope.map(ns -> " in namespace " + ns).orElse("") + ".");
        } else {
            stdout.print(Table.render(HEADER, rows.stream().map(row -> row.cells(now)).toList()));
        }
        stdout.flush();
    }
}
