package dev.hookwright.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.MigrationDefaults;
import dev.hookwright.testing.Schemas;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One core feeds the other: every Job hookwright synthesizes is a hook Job the policy finds
 * nothing wrong with (the shipped defaults with a command give no finding at all).
 */
class SynthesizedJobsPassPolicyTest {
    private static final MigrationPlanner PLANNER = new MigrationPlanner(
            MigrationDefaults.SHIPPED.withCommand(List.of("node", "db/migrate.mjs")));
    private static final HookPolicy POLICY = new HookPolicy(PolicySettings.SHIPPED);
    /** 53 characters, the longest release name Helm accepts. */
    private static final String LONGEST_RELEASE = "payments-platform-eu-west-1-production-blue-green-abc";

    static Deployment deployment(String release, Map<String, String> annotations) {
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withName("web").withNamespace("shop")
                    .addToLabels(Keys.OPT_IN_LABEL, Keys.OPT_IN_VALUE)
                    .addToLabels(Keys.MANAGED_BY, Keys.MANAGED_BY_HELM)
                    .addToAnnotations(Keys.HELM_RELEASE_NAME, release)
                    .addToAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                    .withNewSelector().addToMatchLabels("app", "web").endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", "web").addToLabels("tier", "backend").endMetadata()
                        .withNewSpec()
                            .addNewContainer().withName("web").withImage("registry.example.com/shop/web:1.4.2")
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    static Job planned(Deployment deployment) {
        Plan plan = PLANNER.plan(deployment, Optional.empty());
        assertThat(plan).isInstanceOf(Plan.Planned.class);
        return ((Plan.Planned) plan).job();
    }

    static Stream<Arguments> synthesized() {
        return Stream.of(
                arguments("the default migration Job", planned(deployment("shop", Map.of()))),
                arguments("a pre migration Job", planned(deployment("shop", Map.of(Keys.WHEN, "pre")))),
                arguments("the Job of the longest release name", planned(deployment(LONGEST_RELEASE, Map.of()))),
                arguments("the Job of the longest release with an explicit revision and a rerun token",
                        planned(deployment(LONGEST_RELEASE, Map.of(Keys.REVISION, "12345678901234567890",
                                Keys.RERUN, "again")))),
                arguments("the Job of a dotted release", planned(deployment("shop.eu.v2", Map.of()))),
                arguments("the Job with the largest accepted limits", planned(deployment("shop", Map.of(
                        Keys.BACKOFF_LIMIT, "6", Keys.ACTIVE_DEADLINE_SECONDS, "270")))),
                arguments("a seed Job", seedJob("shop.eu")),
                arguments("a migration Job with a retry policy", planned(deployment("shop", Map.of(
                        Keys.RETRY, "exponential:3", Keys.RETRY_FAIL_EXIT_CODES, "2,3")))));
    }

    /** The seed Job, as the planner makes it beside the migration. */
    static Job seedJob(String release) {
        Plan plan = PLANNER.plan(deployment(release, Map.of(Keys.SEED_COMMAND, "[\"node\",\"db/seed.mjs\"]")),
                Optional.empty());
        return ((Plan.Planned) plan).seedJob().orElseThrow();
    }

    @ParameterizedTest(name = "{0} passes every rule with no finding at all")
    @MethodSource("synthesized")
    void passesEveryRuleWithNoFinding(String sentence, Job job) {
        JsonNode json = Json.mapper().valueToTree(job);
        Schemas.assertValidJob(json);
        assertThat(HookPolicy.appliesTo(json)).as("a synthesized Job is a hook Job").isTrue();
        assertThat(POLICY.check(json)).isEmpty();
    }

    @Test
    void checksAgainstASchemaThatDoesRejectABrokenJob() {
        ObjectNode broken = Json.mapper().valueToTree(planned(deployment("shop", Map.of())));
        ((ObjectNode) broken.get("spec")).put("backoffLimit", "many").put("retries", 3);
        assertThat(Schemas.violations(Schemas.JOB, broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void drawsDeadlineVersusTimeoutOnceExportedForHelmToRun() {
        ObjectNode exported = Json.mapper().valueToTree(planned(deployment("shop", Map.of())));
        ((ObjectNode) exported.at("/metadata/labels")).put(Keys.MANAGED_BY, Keys.MANAGED_BY_HELM);
        assertThat(POLICY.check(exported)).extracting(Finding::rule, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rules.DEADLINE_VS_TIMEOUT, Severity.WARNING));
    }

    @Test
    void namesTheLongestReleaseWithinSixtyThreeCharactersAndStillPassesNaming() {
        Job job = planned(deployment(LONGEST_RELEASE, Map.of(Keys.REVISION, "12345678901234567890", Keys.RERUN, "x")));
        assertThat(job.getMetadata().getName()).hasSizeLessThanOrEqualTo(63);
        assertThat(NamingRule.naming(HookJob.of(Json.mapper().valueToTree(job)), PolicySettings.SHIPPED)).isEmpty();
    }
}
