package dev.hookwright.cli;

/** {@code hookwright status} from the command line: reads the cluster, starts no server. */
public final class Status {
    private Status() {
    }

    public static int run(String[] args) {
        return StatusCommand.run(args, System.out, System.err);
    }
}
