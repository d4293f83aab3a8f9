package dev.hookwright.core;

import java.nio.charset.StandardCharsets;

/**
 * How hookwright shortens text it shows: values in messages, warnings and Events. An annotation
 * can hold megabytes, and every place a value is shown has a limit, so each cut is marked.
 */
public final class Text {
    /** The mark of a cut in messages that travel as JSON strings. */
    public static final String CUT = "...";

    private Text() {
    }

    /** At most {@code maxChars} characters; a longer text keeps its start and ends in {@value #CUT}. */
    public static String shorten(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Math.max(0, maxChars - CUT.length());
        // Never split a surrogate pair.
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }

    /**
     * At most {@code maxBytes} of UTF-8 (limits such as the API server's 256-byte warning are in
     * bytes), cut on a code point boundary, ending in {@code mark} when cut.
     */
    public static String shortenUtf8(String text, int maxBytes, String mark) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        int budget = maxBytes - utf8Length(mark);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = utf8Length(codePoint);
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return kept.append(mark).toString();
    }

    /** Line breaks turned into spaces: a warning, a log line or a message is one line. */
    public static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
