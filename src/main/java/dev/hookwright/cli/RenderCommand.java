package dev.hookwright.cli;

import dev.hookwright.core.manifest.ManifestException;
import dev.hookwright.core.render.Dialect;
import dev.hookwright.core.render.RenderRefused;
import dev.hookwright.core.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code hookwright render}: a Helm 4 post-renderer (and an Argo CD plugin step). Reads a
 * manifest stream, writes it back with each opted-in Deployment's Jobs as real hooks. Exit 0
 * with the stream on standard output; 1 when the stream must not be applied (a bad value, a
 * conflict, no release), 2 for input it cannot read — both with the reason on standard error
 * and nothing at all on standard output, so Helm fails before anything is applied.
 */
@Command(name = "hookwright render", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Add each opted-in Deployment's migration Jobs to a manifest stream as real hooks "
                + "(a Helm 4 post-renderer; Argo CD with --dialect argocd).",
        footer = "%nExit status: 0 rendered, 1 refused (a bad value, a conflict, no release), 2 bad input.%n"
                + "Examples: helm upgrade --install shop ./chart --post-renderer hookwright%n"
                + "          helm template shop ./chart | hookwright render --dialect argocd --release shop")
public final class RenderCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int BAD_INPUT = 2;

    @Mixin
    ManifestOptions input;

    @Option(names = "--release", paramLabel = "R", description = "release name when a Deployment names none in its annotations or app.kubernetes.io/instance")
    String release;

    @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "helm",
            description = "helm (default): Helm's hook annotations; argocd: Argo CD's")
    String dialect;

    private final Renderer renderer;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    public RenderCommand(Renderer renderer, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.renderer = renderer;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Parses {@code args} and runs; picocli's own usage errors exit 2 as well. */
    public static int run(Renderer renderer, String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        return Commands.execute(new RenderCommand(renderer, stdin, stdout, stderr), "hookwright render", args, stdout,
                stderr);
    }

    @Override
    public Integer call() {
        Optional<Dialect> chosen = Dialect.parse(dialect);
        if (chosen.isEmpty()) {
            stderr.println("hookwright render: --dialect \"" + dialect + "\" is not known; write helm or argocd");
            return BAD_INPUT;
        }
        Optional<String> given = input.source();
        if (given.isEmpty()) {
            stderr.println("hookwright render: give the input once, either -f FILE or FILE");
            return BAD_INPUT;
        }
        String source = given.get();
        Renderer.Rendered rendered;
        try {
            rendered = renderer.render(ManifestInput.read(source, stdin), input.namespace(), ManifestInput.nonEmpty(release), chosen.get());
        } catch (ManifestException e) {
            stderr.println("hookwright render: " + ManifestInput.name(source) + ": " + e.describe());
            return BAD_INPUT;
        } catch (ManifestInput.Unreadable e) {
            stderr.println("hookwright render: " + e.getMessage());
            return BAD_INPUT;
        } catch (RenderRefused e) {
            e.reasons().forEach(stderr::println);
            return REFUSED;
        } catch (RuntimeException unexpected) {
            // Never a stack trace, and never a partial stream for Helm to apply.
            stderr.println("hookwright render: " + ManifestInput.name(source) + ": cannot render: " + unexpected);
            return BAD_INPUT;
        }
        rendered.warnings().forEach(warning -> stderr.println("hookwright render: warning: " + warning));
        byte[] stream = rendered.stream().getBytes(StandardCharsets.UTF_8);
        stdout.write(stream, 0, stream.length);
        stdout.flush();
        return OK;
    }
}
