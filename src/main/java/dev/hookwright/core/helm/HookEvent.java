package dev.hookwright.core.helm;

import java.util.Arrays;
import java.util.Optional;

/** The Helm hook events, in the canonical order hookwright writes them. */
public enum HookEvent {
    PRE_INSTALL("pre-install"),
    PRE_UPGRADE("pre-upgrade"),
    POST_INSTALL("post-install"),
    POST_UPGRADE("post-upgrade"),
    PRE_DELETE("pre-delete"),
    POST_DELETE("post-delete"),
    PRE_ROLLBACK("pre-rollback"),
    POST_ROLLBACK("post-rollback"),
    TEST("test"),
    TEST_SUCCESS("test-success");

    private final String helmName;

    HookEvent(String helmName) {
        this.helmName = helmName;
    }

    public String helmName() {
        return helmName;
    }

    public boolean isPre() {
        return helmName.startsWith("pre-");
    }

    /** Whether hookwright can run a migration on this event (install and upgrade only). */
    public boolean isMigrationEvent() {
        return this == PRE_INSTALL || this == PRE_UPGRADE || this == POST_INSTALL || this == POST_UPGRADE;
    }

    /** Helm's annotation value: the events in canonical order, comma separated. */
    public static String annotationValue(java.util.SortedSet<HookEvent> events) {
        return String.join(",", events.stream().map(HookEvent::helmName).toList());
    }

    /** Reads one event as Helm does: trimmed and lower-cased. */
    public static Optional<HookEvent> parse(String text) {
        String normalized = text.trim().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(event -> event.helmName.equals(normalized)).findFirst();
    }
}
