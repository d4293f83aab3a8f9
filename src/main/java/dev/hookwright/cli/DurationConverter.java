package dev.hookwright.cli;

import picocli.CommandLine;

import java.time.Duration;

/** Durations on the command line as in the server's configuration: {@code 30m}, {@code 90s}, {@code 2h} or ISO-8601. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            Duration duration = new io.quarkus.runtime.configuration.DurationConverter().convert(value.trim());
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException();
            }
            return duration;
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException("\"" + value + "\" is not a duration; write e.g. 30m, 90s or 2h");
        }
    }
}
