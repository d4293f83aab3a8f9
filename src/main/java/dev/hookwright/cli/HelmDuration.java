package dev.hookwright.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Helm's {@code --timeout} takes them (Go's {@code time.ParseDuration}): a sequence
 * of decimal numbers each with a unit, {@code 300s}, {@code 10m}, {@code 1h30m}, {@code 1.5h};
 * units ns, us (µs), ms, s, m, h. A bare number is refused, as Helm refuses it.
 */
final class HelmDuration {
    private static final Pattern PART = Pattern.compile("([0-9]*\\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, BigDecimal> NANOS = Map.of(
            "ns", BigDecimal.ONE, "us", BigDecimal.valueOf(1_000), "µs", BigDecimal.valueOf(1_000),
            "μs", BigDecimal.valueOf(1_000), "ms", BigDecimal.valueOf(1_000_000),
            "s", BigDecimal.valueOf(1_000_000_000L), "m", BigDecimal.valueOf(60_000_000_000L),
            "h", BigDecimal.valueOf(3_600_000_000_000L));
    static final String ACCEPTED = "a duration as Helm's --timeout takes it, e.g. 300s, 10m or 1h30m";

    private HelmDuration() {
    }

    /** Whole seconds, rounded down; empty for anything Go would not parse. */
    static Optional<Long> seconds(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        Matcher part = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!part.find(at) || part.start() != at || part.group(1).isEmpty() || part.group(1).equals(".")) {
                return Optional.empty();
            }
            nanos = nanos.add(new BigDecimal(part.group(1).endsWith(".") ? part.group(1) + "0" : part.group(1))
                    .multiply(NANOS.get(part.group(2))));
            at = part.end();
        }
        return Optional.of(nanos.divide(NANOS.get("s"), 0, RoundingMode.DOWN).longValueExact());
    }
}
