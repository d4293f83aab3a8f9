package dev.hookwright.cli;

import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Optional;

/** The options {@code status} and {@code explain} share: which cluster, and when a wait counts as stuck. */
final class ClusterOptions {

    @Option(names = "--context", paramLabel = "CONTEXT", description = "the kubeconfig context to use")
    String context;

    @Option(names = "--stuck-waiting-after", paramLabel = "DURATION", defaultValue = "30m",
            converter = DurationConverter.class,
            description = "a migration Waiting longer than this counts as stuck (default: ${DEFAULT-VALUE})")
    Duration waitingLimit;

    Optional<String> context() {
        return Optional.ofNullable(context);
    }
}
