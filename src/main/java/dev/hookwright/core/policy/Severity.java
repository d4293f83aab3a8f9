package dev.hookwright.core.policy;

import java.util.Locale;

/** How much a finding weighs: an error denies under {@code enforce}, a warning never does. */
public enum Severity {
    ERROR, WARNING;

    /** As users read it in reports and metrics: {@code error}, {@code warning}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
