package dev.hookwright.controller;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller leaves exactly the namespaces alone that the webhooks' selectors leave alone. */
class NamespaceFilterTest {

    @Test
    void onlyTheValueTrueSwitchesANamespaceOff() {
        assertThat(NamespaceFilter.isIgnored(Map.of("hookwright.dev/ignore", "true"))).isTrue();
        assertThat(NamespaceFilter.isIgnored(Map.of("hookwright.dev/ignore", "false"))).isFalse();
        assertThat(NamespaceFilter.isIgnored(Map.of("hookwright.dev/ignore", ""))).isFalse();
        assertThat(NamespaceFilter.isIgnored(Map.of("hookwright.dev/ignore", "True"))).isFalse();
        assertThat(NamespaceFilter.isIgnored(Map.of())).isFalse();
        assertThat(NamespaceFilter.isIgnored(null)).isFalse();
    }

    @Test
    void actsNowhereBeforeTheNamespacesAreKnownAndNeverInAnExcludedOne() {
        NamespaceFilter unsynced = new NamespaceFilter(Set.of("kube-system"), () -> false, ns -> false);
        assertThat(unsynced.judge("shop")).isEqualTo(NamespaceFilter.Verdict.NOT_YET_KNOWN);
        NamespaceFilter synced = new NamespaceFilter(Set.of("kube-system"), () -> true, "quiet"::equals);
        assertThat(synced.judge("kube-system")).isEqualTo(NamespaceFilter.Verdict.IGNORED);
        assertThat(synced.judge("quiet")).isEqualTo(NamespaceFilter.Verdict.IGNORED);
        assertThat(synced.judge("shop")).isEqualTo(NamespaceFilter.Verdict.WATCHED);
    }
}
