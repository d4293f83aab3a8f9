package dev.hookwright.config;

import dev.hookwright.admission.PolicyMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configured default mode is checked when the process starts, not on the first request. */
class PolicyProducersTest {

    @Test
    void acceptsTheThreeModes() {
        assertThat(PolicyProducers.toMode("enforce")).isEqualTo(PolicyMode.ENFORCE);
        assertThat(PolicyProducers.toMode("warn")).isEqualTo(PolicyMode.WARN);
        assertThat(PolicyProducers.toMode("off")).isEqualTo(PolicyMode.OFF);
    }

    @Test
    void refusesToStartWithAModeItDoesNotKnow() {
        assertThatThrownBy(() -> PolicyProducers.toMode("audit"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("hookwright.policy.default-mode is \"audit\"; write one of enforce, warn, off");
    }
}
