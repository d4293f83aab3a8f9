package dev.hookwright;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the one jar. With no arguments (or {@code serve}) it runs the webhook and the
 * controller until stopped.
 */
@QuarkusMain
public final class Main {
    private Main() {
    }

    public static void main(String... args) {
        String[] serverArgs = args.length > 0 && "serve".equals(args[0])
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        Quarkus.run(serverArgs);
    }
}
