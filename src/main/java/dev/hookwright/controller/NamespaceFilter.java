package dev.hookwright.controller;

import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The namespaces the webhook serves, so the controller acts in the same: not kube-system (or
 * whatever else is configured), not hookwright's own, not one labelled {@code hookwright.dev/ignore: "true"}.
 * It fails closed: until the namespace informer has synced, no namespace counts as watched, so a
 * namespace labelled ignore is never acted on in the first seconds after a start.
 */
public final class NamespaceFilter {
    /**
     * A namespace labelled {@code hookwright.dev/ignore: "true"} is left alone, as the webhooks'
     * {@code NotIn ["true"]} namespace selectors leave it; any other value (even {@code "false"})
     * does not switch hookwright off.
     */
    public static final String IGNORE_LABEL = "hookwright.dev/ignore";

    /** Whether these namespace labels switch hookwright off: exactly {@code hookwright.dev/ignore: "true"}. */
    public static boolean isIgnored(Map<String, String> namespaceLabels) {
        return namespaceLabels != null && "true".equals(namespaceLabels.get(IGNORE_LABEL));
    }

    public enum Verdict { WATCHED, IGNORED, NOT_YET_KNOWN }

    private final Set<String> excluded;
    private final BooleanSupplier synced;
    private final Predicate<String> labelledIgnore;

    public NamespaceFilter(Set<String> excluded, BooleanSupplier synced, Predicate<String> labelledIgnore) {
        this.excluded = Set.copyOf(excluded);
        this.synced = synced;
        this.labelledIgnore = labelledIgnore;
    }

    public Verdict judge(String namespace) {
        if (namespace == null || excluded.contains(namespace)) {
            return Verdict.IGNORED;
        }
        if (!synced.getAsBoolean()) {
            return Verdict.NOT_YET_KNOWN;
        }
        return labelledIgnore.test(namespace) ? Verdict.IGNORED : Verdict.WATCHED;
    }

    public boolean watches(String namespace) {
        return judge(namespace) == Verdict.WATCHED;
    }
}
