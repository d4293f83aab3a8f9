package dev.hookwright.cli;

import dev.hookwright.core.dryrun.DryRun;
import dev.hookwright.core.dryrun.HelmExport;
import dev.hookwright.core.dryrun.Report;
import dev.hookwright.core.dryrun.ReportJson;
import dev.hookwright.core.dryrun.ReportText;
import dev.hookwright.core.manifest.ManifestException;
import dev.hookwright.core.manifest.ManifestReader;
import dev.hookwright.core.policy.NamingPolicy;
import dev.hookwright.core.policy.PolicySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hookwright check}: the dry run of {@code /dry-run}, offline, for CI. Exit 0 when no finding
 * is an error, 1 when one is, 2 for input it cannot read.
 */
@Command(name = "hookwright check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check `helm template` output offline: the Jobs hookwright would make and every policy finding.",
        footer = "%nExit status: 0 no error finding, 1 an error finding, 2 bad input.%n"
                + "Example: helm template shop ./chart | java -jar quarkus-run.jar check --release shop --helm-timeout 10m -")
public final class CheckCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int BAD_INPUT = 2;

    public enum Output { text, json, yaml }

    @Mixin
    ManifestOptions input;

    @Option(names = "--release", paramLabel = "R", description = "the release name (as given to helm template) when an object names none in its annotations")
    String release;

    @Option(names = "--helm-timeout", paramLabel = "DURATION",
            description = "the helm --timeout the release runs with (e.g. 600s, 10m), for the deadline-vs-timeout rule; "
                    + "default: hookwright.policy.helm-timeout-seconds (300)")
    String helmTimeout;

    @Option(names = "--naming", paramLabel = "POLICY",
            description = "how hook Job names are checked: release-scoped (the default: the name holds the release "
                    + "name and fits 63 characters), strict (migration hooks named <release>-migrate-<revision>) or off")
    String naming;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json (the report) or yaml (the Jobs; the text report goes to standard error)")
    Output output;

    private final DryRun dryRun;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    public CheckCommand(DryRun dryRun, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.dryRun = dryRun;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Parses {@code args} and runs; picocli's own usage errors exit 2 as well. */
    public static int run(DryRun dryRun, String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        return Commands.execute(new CheckCommand(dryRun, stdin, stdout, stderr), "hookwright check", args, stdout, stderr);
    }

    @Override
    public Integer call() {
        Optional<String> given = input.source();
        if (given.isEmpty()) {
            stderr.println("hookwright check: give the input once, either -f FILE or FILE");
            return BAD_INPUT;
        }
        String source = given.get();
        PolicySettings settings = dryRun.policySettings();
        if (helmTimeout != null) {
            Optional<Long> seconds = HelmDuration.seconds(helmTimeout);
            if (seconds.isEmpty() || seconds.get() < 1 || seconds.get() > Integer.MAX_VALUE) {
                stderr.println("hookwright check: --helm-timeout \"" + abbreviate(helmTimeout) + "\" is not "
                        + HelmDuration.ACCEPTED + " (at least 1s)");
                return BAD_INPUT;
            }
            settings = settings.withHelmTimeoutSeconds(seconds.get().intValue());
        }
        if (naming != null) {
            Optional<NamingPolicy> policy = NamingPolicy.parse(naming);
            if (policy.isEmpty()) {
                stderr.println("hookwright check: --naming \"" + abbreviate(naming) + "\" is not a naming policy; write "
                        + NamingPolicy.accepted());
                return BAD_INPUT;
            }
            settings = settings.withNaming(policy.get());
        }
        DryRun engine = settings.equals(dryRun.policySettings()) ? dryRun : dryRun.with(settings);
        Report report;
        try {
            report = engine.run(ManifestReader.read(ManifestInput.read(source, stdin)), input.namespace(), ManifestInput.nonEmpty(release));
        } catch (ManifestException e) {
            stderr.println("hookwright check: " + ManifestInput.name(source) + ": " + e.describe());
            return BAD_INPUT;
        } catch (ManifestInput.Unreadable e) {
            stderr.println("hookwright check: " + e.getMessage());
            return BAD_INPUT;
        }
        switch (output) {
            case json -> stdout.println(ReportJson.of(report).toPrettyString());
            case yaml -> {
                stdout.print(HelmExport.yaml(report));
                stderr.print(ReportText.of(report));
            }
            default -> stdout.print(ReportText.of(report));
        }
        stdout.flush();
        return report.hasErrors() ? FINDINGS : OK;
    }

    private static String abbreviate(String text) {
        return text.length() > 32 ? text.substring(0, 32) + "..." : text;
    }
}
