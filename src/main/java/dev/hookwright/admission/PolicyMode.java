package dev.hookwright.admission;

import java.util.Arrays;
import java.util.Optional;

/** What {@code /validate/{mode}} does with findings. */
public enum PolicyMode {
    /** Deny (403) on any error the request introduces; everything else comes back as warnings. */
    ENFORCE("enforce"),
    /** Allow, and return every finding as a warning. */
    WARN("warn"),
    /** Allow silently: the rules do not even run. */
    OFF("off");

    private final String segment;

    PolicyMode(String segment) {
        this.segment = segment;
    }

    /** The last path segment, as written in the webhook registration. */
    public String segment() {
        return segment;
    }

    /** Exact, lower case: it is a URL path segment the API server sends as registered. */
    public static Optional<PolicyMode> parse(String segment) {
        return Arrays.stream(values()).filter(mode -> mode.segment.equals(segment)).findFirst();
    }

    public static String accepted() {
        return String.join(", ", Arrays.stream(values()).map(PolicyMode::segment).toList());
    }
}
