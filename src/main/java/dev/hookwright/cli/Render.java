package dev.hookwright.cli;

import dev.hookwright.core.render.Renderer;

/** {@code hookwright render} from the command line: the dry run's engine built from offline configuration. */
public final class Render {
    private Render() {
    }

    public static int run(String[] args) {
        // Standard output carries the stream Helm applies: nothing else may reach it.
        Commands.quietLogging();
        Renderer renderer;
        try {
            renderer = new Renderer(Check.offlineEngine().dryRun());
        } catch (RuntimeException badConfiguration) {
            System.err.println("hookwright render: " + badConfiguration.getMessage());
            return RenderCommand.BAD_INPUT;
        }
        return RenderCommand.run(renderer, args, System.in, System.out, System.err);
    }
}
