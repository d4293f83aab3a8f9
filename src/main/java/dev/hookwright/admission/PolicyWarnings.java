package dev.hookwright.admission;

import dev.hookwright.core.Text;
import dev.hookwright.core.policy.Finding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Findings → AdmissionReview warnings within the API server's limits: one line each of at most
 * 256 characters, beginning with the rule id, and at most 4096 in all. Beyond that the API
 * server would drop warnings silently, so the last line says how many were left out instead.
 * Lengths are counted in UTF-8 bytes, which is never less than characters.
 */
public final class PolicyWarnings {
    public static final int MAX_LINE = 256;
    public static final int MAX_TOTAL = 4096;

    private PolicyWarnings() {
    }

    public static List<String> of(List<Finding> findings) {
        List<String> lines = findings.stream().map(finding -> fit(finding.text())).toList();
        if (bytes(lines) <= MAX_TOTAL) {
            return lines;
        }
        List<String> kept = new ArrayList<>();
        int total = 0;
        int index = 0;
        // Keep room for the closing line, which is itself at most MAX_LINE.
        while (index < lines.size() && total + size(lines.get(index)) <= MAX_TOTAL - MAX_LINE) {
            total += size(lines.get(index));
            kept.add(lines.get(index++));
        }
        List<Finding> leftOut = findings.subList(index, findings.size());
        LinkedHashSet<String> rules = new LinkedHashSet<>();
        leftOut.forEach(finding -> rules.add(finding.rule()));
        kept.add(fit(PolicyHandler.AUDIT_KEY + ": " + leftOut.size() + " more finding" + (leftOut.size() == 1 ? "" : "s")
                + " left out (" + String.join(", ", rules) + "); hookwright check lists them all"));
        return List.copyOf(kept);
    }

    /** One line of at most {@link #MAX_LINE} bytes, cut at a character boundary and marked as cut. */
    static String fit(String text) {
        return Text.shortenUtf8(Text.oneLine(text), MAX_LINE, Text.CUT);
    }

    private static int bytes(List<String> lines) {
        return lines.stream().mapToInt(PolicyWarnings::size).sum();
    }

    private static int size(String line) {
        return Text.utf8Length(line);
    }
}
