package dev.hookwright.core.policy;

import dev.hookwright.core.Text;

/**
 * Values as messages show them: quoted, on one line, and short, because a warning is one line
 * of at most 256 characters and an annotation can hold anything.
 */
final class Quote {
    private static final int MAX = 32;

    private Quote() {
    }

    static String of(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : Text.shorten(value, MAX + Text.CUT.length()).toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                default -> out.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return out.append('"').toString();
    }
}
