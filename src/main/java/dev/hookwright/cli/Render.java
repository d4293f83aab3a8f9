package dev.hookwright.cli;

import dev.hookwright.config.Engines;
import dev.hookwright.core.render.Renderer;

/** {@code hookwright render} from the command line: the dry run's engine built from offline configuration. */
public final class Render {
    private Render() {
    }

    public static int run(String[] args) {
        // Standard output carries the stream Helm applies: nothing else may reach it.
        Check.quietLogging();
        try {
            return RenderCommand.run(new Renderer(Engines.dryRun(OfflineConfig.load())), args, System.in, System.out,
                    System.err);
        } catch (IllegalStateException badConfiguration) {
            System.err.println("hookwright render: " + badConfiguration.getMessage());
            return RenderCommand.BAD_INPUT;
        }
    }
}
