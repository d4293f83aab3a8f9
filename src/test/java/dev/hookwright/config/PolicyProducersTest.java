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

    @Test
    void readsTheNamingPolicyAndRefusesAnUnknownOne() {
        assertThat(dev.hookwright.core.policy.NamingPolicy.parse("release-scoped"))
                .contains(dev.hookwright.core.policy.NamingPolicy.RELEASE_SCOPED);
        assertThat(dev.hookwright.core.policy.NamingPolicy.parse(" Strict ")).contains(dev.hookwright.core.policy.NamingPolicy.STRICT);
        assertThat(dev.hookwright.core.policy.NamingPolicy.parse("loose")).isEmpty();
        assertThat(PolicyProducers.toSettings(policy("strict")).naming())
                .isEqualTo(dev.hookwright.core.policy.NamingPolicy.STRICT);
        assertThatThrownBy(() -> PolicyProducers.toSettings(policy("loose")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("hookwright.policy.naming is \"loose\"; write one of release-scoped, strict or off");
    }

    private static HookwrightConfig.Policy policy(String naming) {
        return new HookwrightConfig.Policy() {
            public int maxBackoffLimit() {
                return 6;
            }

            public int maxActiveDeadlineSeconds() {
                return 3600;
            }

            public int helmTimeoutSeconds() {
                return 300;
            }

            public String defaultMode() {
                return "warn";
            }

            public String naming() {
                return naming;
            }
        };
    }
}
