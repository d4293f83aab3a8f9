package dev.hookwright.controller;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Makes text from a migration pod fit for an Event: credentials replaced, at most 1 KiB.
 * Termination messages fall back to the log tail, where connection strings and secrets end up.
 */
public final class Redactor {
    /** Events are read by everyone who may {@code kubectl describe}: keep them short. */
    public static final int MAX_BYTES = 1024;
    static final String MASK = "***";
    private static final String ELLIPSIS = "…";

    /** {@code scheme://user:password@host}: the password goes, the user and host stay for debugging. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:/@\\s]*):[^@\\s/]*@");
    /** {@code password=…}, {@code DB_PASSWORD: …}, {@code token="…"}, {@code client_secret=…}. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:password|passwd|token|secret)[\"']?\\s*[=:]\\s*[\"']?)[^\\s\"'&;,]+");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null) {
            return "";
        }
        String masked = URL_CREDENTIALS.matcher(text).replaceAll("$1:" + MASK + "@");
        masked = KEY_VALUE.matcher(masked).replaceAll("$1" + MASK);
        return truncate(masked, MAX_BYTES);
    }

    /** At most {@code maxBytes} of UTF-8, cut on a code point boundary, marked with an ellipsis when cut. */
    public static String truncate(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int budget = maxBytes - ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return kept.append(ELLIPSIS).toString();
    }
}
