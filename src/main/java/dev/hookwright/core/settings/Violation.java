package dev.hookwright.core.settings;

/**
 * A value hookwright does not accept: where it was, what it was and what to write instead.
 *
 * @param field    the label or annotation key (or a field path) that holds the value
 * @param value    the value found, or {@code null} when it is missing
 * @param accepted what is accepted, phrased as an instruction
 */
public record Violation(String field, String value, String accepted) {

    public String message() {
        String found = value == null ? "is missing" : "\"" + abbreviate(value) + "\" is not accepted";
        return field + ": " + found + "; " + accepted;
    }

    /** Values go into API responses and Events: keep a hostile 3 MiB annotation out of them. */
    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
