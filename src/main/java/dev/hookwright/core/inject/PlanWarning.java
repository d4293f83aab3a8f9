package dev.hookwright.core.inject;

/**
 * Something worth knowing about an accepted Deployment that does not stop it, with the stable
 * rule id the dry run reports it under (e.g. {@code retry-deadline}).
 */
public record PlanWarning(String rule, String field, String message) {

    /** One line for an AdmissionReview warning: the rule id first. */
    public String line() {
        return rule + ": " + message;
    }
}
