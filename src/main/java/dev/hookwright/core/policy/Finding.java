package dev.hookwright.core.policy;

import java.util.List;

/**
 * One rule broken by one Job.
 *
 * @param rule     the stable rule id (docs/policy.md)
 * @param severity error or warning
 * @param message  the field, the value found and what to write instead, without the rule id
 * @param path     the field, as Kubernetes writes field paths; with the rule, the finding's identity
 */
public record Finding(String rule, Severity severity, String message, String path) {

    public static List<Finding> error(String rule, String path, String message) {
        return List.of(new Finding(rule, Severity.ERROR, message, path));
    }

    public static List<Finding> warning(String rule, String path, String message) {
        return List.of(new Finding(rule, Severity.WARNING, message, path));
    }

    /** The one-line form warnings and denials use: {@code <rule>: <message>}. */
    public String text() {
        return rule + ": " + message;
    }

    /** Two findings are "the same" across an UPDATE when rule and path agree. */
    public boolean sameAs(Finding other) {
        return rule.equals(other.rule) && path.equals(other.path);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
