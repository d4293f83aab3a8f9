package dev.hookwright.core.settings;

import dev.hookwright.core.Text;

/**
 * A value hookwright does not accept: where it was, what it was and what to write instead.
 *
 * @param field    the label or annotation key (or a field path) that holds the value
 * @param value    the value found, or {@code null} when it is missing
 * @param accepted what is accepted, phrased as an instruction
 */
public record Violation(String field, String value, String accepted) {
    private static final int MAX_SHOWN = 80;

    public String message() {
        // Values go into API responses and Events: keep a hostile 3 MiB annotation out of them.
        String found = value == null ? "is missing" : "\"" + Text.shorten(Text.oneLine(value), MAX_SHOWN)
                + "\" is not accepted";
        return field + ": " + found + "; " + accepted;
    }
}
