package dev.hookwright.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * How every offline command runs under picocli: usage errors and anything unexpected exit 2 with one
 * line (never a stack trace), output to the given streams.
 */
final class Commands {
    static final int BAD_USAGE = 2;

    private Commands() {
    }

    static int execute(Callable<Integer> command, String name, String[] args, PrintStream stdout, PrintStream stderr) {
        quietLogging();
        CommandLine line = new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(stdout, true))
                .setErr(new PrintWriter(stderr, true));
        line.setParameterExceptionHandler((e, ignored) -> {
            stderr.println(name + ": " + e.getMessage());
            e.getCommandLine().usage(stderr);
            return BAD_USAGE;
        });
        line.setExecutionExceptionHandler((e, ignored, parsed) -> {
            stderr.println(name + ": " + e);
            return BAD_USAGE;
        });
        return line.execute(args);
    }

    /** Standard output carries the answer; the client library's chatter below a warning stays out of it. */
    static void quietLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
    }
}
