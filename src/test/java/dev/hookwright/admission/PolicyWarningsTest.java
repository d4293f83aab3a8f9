package dev.hookwright.admission;

import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.policy.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Warnings within the API server's limits: 256 per line, 4096 in all, and nothing dropped silently. */
class PolicyWarningsTest {

    private static Finding finding(String rule, String message) {
        return new Finding(rule, Severity.WARNING, message, "spec");
    }

    private static int bytes(List<String> lines) {
        return lines.stream().mapToInt(line -> line.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    @Test
    void givesOneLinePerFindingBeginningWithTheRuleId() {
        assertThat(PolicyWarnings.of(List.of(finding("cleanup", "a\nb"), finding("naming", "c"))))
                .containsExactly("cleanup: a b", "naming: c");
    }

    @Test
    void cutsALongLineTo256AndSaysSo() {
        String line = PolicyWarnings.of(List.of(finding("naming", "x".repeat(1000)))).get(0);
        assertThat(line).hasSize(256).startsWith("naming: ").endsWith("...");
    }

    @Test
    void countsMultiByteCharactersAsTheBytesTheyTake() {
        String line = PolicyWarnings.of(List.of(finding("naming", "ü".repeat(300)))).get(0);
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256);
        assertThat(line).endsWith("...");
    }

    @Test
    void staysWithin4096InAllAndCountsWhatWasLeftOut() {
        List<Finding> many = IntStream.range(0, 40)
                .mapToObj(i -> finding(i % 2 == 0 ? "cleanup" : "restart-policy", i + " " + "y".repeat(240))).toList();
        List<String> warnings = PolicyWarnings.of(many);
        assertThat(bytes(warnings)).isLessThanOrEqualTo(4096);
        assertThat(warnings).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(256));
        String last = warnings.get(warnings.size() - 1);
        int shown = warnings.size() - 1;
        assertThat(last).startsWith("policy-findings: " + (40 - shown) + " more findings left out (")
                .contains("cleanup", "restart-policy").endsWith("); hookwright check lists them all");
    }

    @Test
    void keepsEverythingWhenItFits() {
        List<Finding> few = IntStream.range(0, 16).mapToObj(i -> finding("cleanup", "z".repeat(240))).toList();
        assertThat(PolicyWarnings.of(few)).hasSize(16);
    }
}
