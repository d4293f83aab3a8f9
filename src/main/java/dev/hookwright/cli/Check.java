package dev.hookwright.cli;

import dev.hookwright.config.Engine;

/** {@code hookwright check} from the command line: the engine built from offline configuration. */
public final class Check {
    private Check() {
    }

    public static int run(String[] args) {
        Commands.quietLogging();
        Engine engine;
        try {
            engine = offlineEngine();
        } catch (RuntimeException badConfiguration) {
            // The config library names the key and the value; Engine names the rule broken.
            System.err.println("hookwright check: " + badConfiguration.getMessage());
            return CheckCommand.BAD_INPUT;
        }
        return CheckCommand.run(engine.dryRun(), args, System.in, System.out, System.err);
    }

    /** The core wired from the same {@code hookwright.*} settings the server reads, without starting it. */
    static Engine offlineEngine() {
        OfflineConfig config = OfflineConfig.load();
        return Engine.from(config.migration(), config.policy());
    }
}
