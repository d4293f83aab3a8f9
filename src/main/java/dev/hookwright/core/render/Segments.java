package dev.hookwright.core.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A manifest stream cut into segments at its document markers: a segment starts at the
 * beginning of the text or at a line that begins with {@code ---} followed by a blank or the
 * end of the line, and runs to the next one. YAML forbids such a line inside any scalar, so a
 * cut never falls inside a document, and each segment holds exactly the text of its documents,
 * comments included: what {@link Renderer} copies untouched.
 */
final class Segments {
    private Segments() {
    }

    /** The character offsets where segments start, in order; always begins with 0. */
    static int[] starts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int line = 0;
        while (line < text.length()) {
            if (line > 0 && isMarker(text, line)) {
                starts.add(line);
            }
            line = nextLine(text, line);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The index of the segment holding character offset {@code at}. */
    static int indexOf(int[] starts, int at) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= at) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private static boolean isMarker(String text, int line) {
        if (!text.startsWith("---", line)) {
            return false;
        }
        int after = line + 3;
        if (after == text.length()) {
            return true;
        }
        char next = text.charAt(after);
        return next == ' ' || next == '\t' || next == '\n' || next == '\r';
    }

    /** The start of the line after the one starting at {@code line}: breaks are LF, CRLF or a lone CR, as YAML reads them. */
    private static int nextLine(String text, int line) {
        for (int i = line; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return text.length();
    }
}
