package dev.hookwright.cli;

import dev.hookwright.config.Engines;

/** {@code hookwright check} from the command line: the engine built from offline configuration. */
public final class Check {
    private Check() {
    }

    public static int run(String[] args) {
        quietLogging();
        try {
            return CheckCommand.run(Engines.dryRun(OfflineConfig.load()), args, System.in, System.out, System.err);
        } catch (IllegalStateException badConfiguration) {
            System.err.println("hookwright check: " + badConfiguration.getMessage());
            return CheckCommand.BAD_INPUT;
        }
    }

    /** Standard output carries the report; library chatter below a warning stays out of it. */
    static void quietLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
    }
}
