package dev.hookwright.controller;

import java.util.Set;
import java.util.function.Predicate;

/**
 * The namespaces the webhook serves, so the controller watches the same: not kube-system (or
 * whatever else is configured), not hookwright's own, not one labelled {@code hookwright.dev/ignore}.
 */
public final class NamespaceFilter {
    /** A namespace carrying this label, whatever its value, is left alone (a {@code DoesNotExist} selector). */
    public static final String IGNORE_LABEL = "hookwright.dev/ignore";

    private final Set<String> excluded;
    private final Predicate<String> labelledIgnore;

    public NamespaceFilter(Set<String> excluded, Predicate<String> labelledIgnore) {
        this.excluded = Set.copyOf(excluded);
        this.labelledIgnore = labelledIgnore;
    }

    public boolean watches(String namespace) {
        return namespace != null && !excluded.contains(namespace) && !labelledIgnore.test(namespace);
    }
}
