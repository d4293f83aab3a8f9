package dev.hookwright.config;

import dev.hookwright.admission.PolicyMode;
import dev.hookwright.core.policy.NamingPolicy;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration is read into typed values and checked once, when the process starts. */
class ConfigurationTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new io.smallrye.config.PropertiesConfigSource(properties, "test", 500))
                // Durations as the server reads them ("24h"), as the offline commands do.
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(MigrationConfig.class)
                .withMapping(PolicyConfig.class)
                .build();
    }

    private static Engine engine(Map<String, String> properties) {
        SmallRyeConfig config = config(properties);
        return Engine.from(config.getConfigMapping(MigrationConfig.class), config.getConfigMapping(PolicyConfig.class));
    }

    @Test
    void acceptsTheThreeModes() {
        PolicyModeConverter converter = new PolicyModeConverter();
        assertThat(converter.convert("enforce")).isEqualTo(PolicyMode.ENFORCE);
        assertThat(converter.convert("warn")).isEqualTo(PolicyMode.WARN);
        assertThat(converter.convert("off")).isEqualTo(PolicyMode.OFF);
    }

    @Test
    void refusesAModeItDoesNotKnow() {
        assertThatThrownBy(() -> new PolicyModeConverter().convert("audit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hookwright.policy.default-mode is \"audit\"; write one of enforce, warn, off");
    }

    @Test
    void refusesToStartWithAModeItDoesNotKnow() {
        assertThatThrownBy(() -> config(Map.of("hookwright.policy.default-mode", "WARN")))
                .hasMessageContaining("hookwright.policy.default-mode is \"WARN\"; write one of enforce, warn, off");
    }

    @Test
    void readsTheNamingPolicyReleaseScopedByDefaultAndRefusesAnUnknownOne() {
        assertThat(engine(Map.of()).policy().settings().naming()).isEqualTo(NamingPolicy.RELEASE_SCOPED);
        assertThat(engine(Map.of("hookwright.policy.naming", "strict")).policy().settings().naming())
                .isEqualTo(NamingPolicy.STRICT);
        assertThatThrownBy(() -> config(Map.of("hookwright.policy.naming", "loose")))
                .hasMessageContaining("hookwright.policy.naming is \"loose\"; write one of release-scoped, strict or off");
    }

    @Test
    void readsTheShippedDefaultsIntoTypedValues() {
        SmallRyeConfig config = config(Map.of());
        assertThat(config.getConfigMapping(PolicyConfig.class).defaultMode()).isEqualTo(PolicyMode.WARN);
        Engine engine = engine(Map.of());
        assertThat(engine.defaults().backoffLimit()).isZero();
        assertThat(engine.defaults().activeDeadlineSeconds()).isEqualTo(300);
        assertThat(engine.policy().settings().helmTimeoutSeconds()).isEqualTo(300);
        assertThat(engine.decider()).isNotNull();
        assertThat(engine.dryRun()).isNotNull();
    }

    @Test
    void refusesADefaultBeyondThePolicysLimit() {
        assertThatThrownBy(() -> engine(Map.of("hookwright.migration.backoff-limit", "7")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("hookwright.migration.backoff-limit must be from 0 to hookwright.policy.max-backoff-limit");
    }

    @Test
    void refusesADefaultCommandThatIsNotAJsonArrayOfStrings() {
        assertThatThrownBy(() -> engine(Map.of("hookwright.migration.default-command", "node db/migrate.mjs")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("hookwright.migration.default-command must be a non-empty JSON array of strings");
    }

    @Test
    void servesBodiesUpToTheSameLimitTheOfflineReadersUse() throws Exception {
        java.util.Properties shipped = new java.util.Properties();
        try (var in = ConfigurationTest.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        String configured = shipped.getProperty("quarkus.http.limits.max-body-size");
        assertThat(configured).as("quarkus.http.limits.max-body-size").matches("[0-9]+M");
        long bytes = Long.parseLong(configured.substring(0, configured.length() - 1)) * 1024 * 1024;
        assertThat(bytes).isEqualTo(dev.hookwright.core.InputLimits.MAX_INPUT_BYTES);
    }
}
