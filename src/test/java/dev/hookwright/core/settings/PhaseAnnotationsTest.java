package dev.hookwright.core.settings;

import dev.hookwright.core.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hookwright.dev/env}, {@code post-deploy-command}, {@code post-deploy-args} and
 * {@code post-deploy-env} read into settings: names as strict as Kubernetes 1.30's
 * {@code IsEnvVarName}, the order written kept.
 */
class PhaseAnnotationsTest {

    private static AnnotationReader.Result read(Map<String, String> extra) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(Keys.COMMAND, "[\"rails\",\"db:migrate\"]");
        annotations.putAll(extra);
        return AnnotationReader.read(annotations, "shop", MigrationDefaults.SHIPPED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SKIP_POST_DEPLOYMENT_MIGRATIONS", "my.env-name", "MY_ENV.NAME", "MyEnvName1", "_x", "-x",
            ".x", "a..b"})
    void acceptsEveryNameKubernetes130Accepts(String name) {
        assertThat(AnnotationReader.isEnvVarName(name)).isTrue();
        assertThat(read(Map.of(Keys.ENV, "{\"" + name + "\":\"v\"}")).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1X", "A=B", "A B", ".", "..", "..x", "Ä", "a/b", "a:b"})
    void refusesEveryNameItDoesNot(String name) {
        assertThat(AnnotationReader.isEnvVarName(name)).isFalse();
        AnnotationReader.Result result = read(Map.of(Keys.ENV, "{\"" + name + "\":\"v\"}"));
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(Keys.ENV);
            assertThat(v.accepted()).startsWith("\"" + name + "\" is not a variable name");
        });
    }

    @Test
    void keepsTheOrderWrittenForEachPhase() {
        MigrationSettings settings = read(Map.of(
                Keys.ENV, "{\"Z\":\"1\",\"A\":\"2\",\"M\":\"\"}",
                Keys.POST_DEPLOY_COMMAND, "[\"rails\",\"db:migrate\"]",
                Keys.POST_DEPLOY_ARGS, "[\"--trace\"]",
                Keys.POST_DEPLOY_ENV, "{\"B\":\"x\",\"A\":\"y\"}")).settings().orElseThrow();
        assertThat(settings.env()).containsExactly(Map.entry("Z", "1"), Map.entry("A", "2"), Map.entry("M", ""));
        PostDeploySettings post = settings.postDeploy().orElseThrow();
        assertThat(post.command()).containsExactly("rails", "db:migrate");
        assertThat(post.args()).containsExactly("--trace");
        assertThat(post.env()).containsExactly(Map.entry("B", "x"), Map.entry("A", "y"));
    }

    @Test
    void withoutTheAnnotationsThereIsNoSecondPhaseAndNoAddedVariable() {
        MigrationSettings settings = read(Map.of()).settings().orElseThrow();
        assertThat(settings.env()).isEmpty();
        assertThat(settings.postDeploy()).isEmpty();
        assertThat(read(Map.of(Keys.ENV, "{}")).settings().orElseThrow().env()).isEmpty();
    }

    @Test
    void reportsEveryBadPhaseValueAtOnce() {
        AnnotationReader.Result result = read(Map.of(Keys.ENV, "{\"A\":1}", Keys.POST_DEPLOY_ARGS, "[\"x\"]",
                Keys.POST_DEPLOY_ENV, "{\"A\":\"1\",\"A\":\"2\"}"));
        assertThat(result.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrderElementsOf(List.of(Keys.ENV, Keys.POST_DEPLOY_ENV, Keys.POST_DEPLOY_ARGS,
                        Keys.POST_DEPLOY_ENV));
    }
}
