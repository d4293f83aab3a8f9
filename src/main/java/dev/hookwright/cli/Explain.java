package dev.hookwright.cli;

/** {@code hookwright explain} from the command line: reads the cluster, starts no server. */
public final class Explain {
    private Explain() {
    }

    public static int run(String[] args) {
        return ExplainCommand.run(args, System.out, System.err);
    }
}
