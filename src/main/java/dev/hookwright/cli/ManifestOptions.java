package dev.hookwright.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;

/** The options {@code check} and {@code render} share: where the stream comes from, and the namespace of objects without one. */
final class ManifestOptions {

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "manifests to read; - for standard input (the default)")
    String file;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "same as -f")
    String positional;

    @Option(names = "--namespace", paramLabel = "N", description = "namespace for objects that have none")
    String namespace;

    /** {@code -f FILE} or {@code FILE}, never both; {@code -} when neither is given. */
    Optional<String> source() {
        if (file != null && positional != null) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(file).orElse(Optional.ofNullable(positional).orElse("-")));
    }

    Optional<String> namespace() {
        return ManifestInput.nonEmpty(namespace);
    }
}
