package dev.hookwright.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.settings.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The policy rules (docs/policy.md), one by one, on the raw JSON of a hook Job. */
class HookPolicyTest {
    private static final HookPolicy SHIPPED = new HookPolicy(PolicySettings.SHIPPED);

    /** A hook Job that passes every rule; each case changes one thing. */
    static ObjectNode passingJob() {
        try {
            return (ObjectNode) Json.mapper().readTree("""
                    {"apiVersion": "batch/v1", "kind": "Job",
                     "metadata": {"name": "shop-migrate-42", "namespace": "shop",
                       "labels": {"app.kubernetes.io/instance": "shop", "app.kubernetes.io/component": "migrations",
                                  "app.kubernetes.io/managed-by": "Helm"},
                       "annotations": {"helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-weight": "-5",
                                       "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"}},
                     "spec": {"backoffLimit": 0, "activeDeadlineSeconds": 240, "ttlSecondsAfterFinished": 600,
                       "template": {"spec": {"restartPolicy": "Never",
                         "containers": [{"name": "migrate", "image": "shop:1", "command": ["node", "db/migrate.mjs"]}]}}}}
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode job(Consumer<ObjectNode> change) {
        ObjectNode job = passingJob();
        change.accept(job);
        return job;
    }

    private static Consumer<ObjectNode> annotation(String key, String value) {
        return job -> {
            ObjectNode annotations = (ObjectNode) job.at("/metadata/annotations");
            if (value == null) {
                annotations.remove(key);
            } else {
                annotations.put(key, value);
            }
        };
    }

    private static Consumer<ObjectNode> spec(String field, JsonNode value) {
        return job -> {
            if (value == null) {
                ((ObjectNode) job.get("spec")).remove(field);
            } else {
                ((ObjectNode) job.get("spec")).set(field, value);
            }
        };
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> rules(JsonNode job) {
        return SHIPPED.check(job).stream().map(Finding::rule).toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("a careful hook Job passes every rule", passingJob(), List.of()),
                arguments("hook events are read trimmed and in any case", job(annotation("helm.sh/hook",
                        " Post-Install ,TEST-success")), List.of()),
                arguments("an unknown hook event is an error", job(annotation("helm.sh/hook", "post-instal")),
                        List.of("hook-events")),
                arguments("a trailing comma is an empty, unknown event", job(annotation("helm.sh/hook", "pre-install,")),
                        List.of("hook-events")),
                arguments("a weight Atoi reads passes", job(annotation("helm.sh/hook-weight", "-0010")), List.of()),
                arguments("a weight with a space is an error, as Atoi does not trim",
                        job(annotation("helm.sh/hook-weight", "5 ")), List.of("hook-weight")),
                arguments("a weight beyond int64 is an error", job(annotation("helm.sh/hook-weight",
                        "99999999999999999999")), List.of("hook-weight")),
                arguments("an empty weight is an error", job(annotation("helm.sh/hook-weight", "")), List.of("hook-weight")),
                arguments("no weight at all is Helm's 0", job(annotation("helm.sh/hook-weight", null)), List.of()),
                arguments("hook-failed alone leaves a succeeded Job behind",
                        job(annotation("helm.sh/hook-delete-policy", "hook-failed")), List.of("delete-policy")),
                arguments("delete policies are read trimmed and in any case",
                        job(annotation("helm.sh/hook-delete-policy", " Hook-Succeeded,BEFORE-hook-creation")), List.of()),
                arguments("a null deadline is not set", job(spec("activeDeadlineSeconds", json("null"))),
                        List.of("deadline")),
                arguments("a deadline written as a string is an error", job(spec("activeDeadlineSeconds", json("\"240\""))),
                        List.of("deadline")),
                arguments("a negative deadline is an error", job(spec("activeDeadlineSeconds", json("-1"))),
                        List.of("deadline")),
                arguments("the maximum deadline is allowed but outlasts Helm's wait",
                        job(spec("activeDeadlineSeconds", json("3600"))), List.of("deadline-vs-timeout")),
                arguments("a null backoffLimit is the API server's 6", job(spec("backoffLimit", json("null"))), List.of()),
                arguments("the API server's defaulted backoffLimit 6 passes", job(spec("backoffLimit", json("6"))),
                        List.of()),
                arguments("a negative backoffLimit is an error", job(spec("backoffLimit", json("-1"))), List.of("backoff")),
                arguments("backoffLimitPerIndex exempts only Indexed Jobs", job(spec("backoffLimitPerIndex", json("1"))
                        .andThen(spec("backoffLimit", json("10")))), List.of("backoff")),
                arguments("a null TTL without hook-succeeded draws cleanup", job(spec("ttlSecondsAfterFinished",
                        json("null")).andThen(annotation("helm.sh/hook-delete-policy", null))), List.of("cleanup")),
                arguments("a TTL of 0 is a TTL", job(spec("ttlSecondsAfterFinished", json("0"))
                        .andThen(annotation("helm.sh/hook-delete-policy", null))), List.of()),
                arguments("a missing restartPolicy draws restart-policy",
                        job(j -> ((ObjectNode) j.at("/spec/template/spec")).remove("restartPolicy")),
                        List.of("restart-policy")),
                arguments("a release-scoped fixed name passes: the normal Helm pattern",
                        job(j -> ((ObjectNode) j.get("metadata")).put("name", "shop-db-migration")), List.of()),
                arguments("a fixed name without the release fails release-scoped naming",
                        job(j -> ((ObjectNode) j.get("metadata")).put("name", "migration-job")), List.of("naming")),
                arguments("the legacy release label names the release too",
                        job(j -> {
                            ((ObjectNode) j.at("/metadata/labels")).remove("app.kubernetes.io/instance");
                            ((ObjectNode) j.at("/metadata/labels")).put("release", "harbor");
                        }), List.of("naming")),
                arguments("a name over 63 characters fails naming, even with the release in it",
                        job(j -> ((ObjectNode) j.get("metadata")).put("name", "shop-" + "x".repeat(59))),
                        List.of("naming")),
                arguments("restart-policy is for migration hooks only",
                        job(j -> {
                            ((ObjectNode) j.at("/metadata/labels")).remove("app.kubernetes.io/component");
                            ((ObjectNode) j.get("metadata")).put("name", "shop-cache-warmup");
                            ((ObjectNode) j.at("/spec/template/spec")).put("restartPolicy", "OnFailure");
                            ((ObjectNode) j.at("/spec/template/spec/containers/0")).put("name", "warm")
                                    .putArray("command").add("warm");
                        }), List.of()),
                arguments("a Job running flyway is a migration hook, whatever its name",
                        job(j -> {
                            ((ObjectNode) j.at("/metadata/labels")).remove("app.kubernetes.io/component");
                            ((ObjectNode) j.get("metadata")).put("name", "shop-schema");
                            ((ObjectNode) j.at("/spec/template/spec")).put("restartPolicy", "OnFailure");
                            ((ObjectNode) j.at("/spec/template/spec/containers/0")).put("image", "flyway/flyway:10")
                                    .putArray("command").add("flyway").add("migrate");
                        }), List.of("restart-policy")),
                arguments("a list where labels belong is unreadable",
                        job(j -> ((ObjectNode) j.get("metadata")).putArray("labels").add("app=shop")),
                        List.of("unreadable")),
                arguments("every broken rule is reported, not only the first", json("""
                        {"apiVersion": "batch/v1", "kind": "Job",
                         "metadata": {"name": "migrate", "annotations": {"helm.sh/hook": "pre-upgarde",
                           "helm.sh/hook-weight": "x", "helm.sh/hook-delete-policy": "hook-succeeded"}},
                         "spec": {"backoffLimit": 50, "activeDeadlineSeconds": 9000,
                           "template": {"spec": {"restartPolicy": "OnFailure"}}}}
                        """), List.of("hook-events", "hook-weight", "delete-policy", "deadline", "backoff",
                        "restart-policy", "deadline-vs-timeout")),
                arguments("odd shapes are findings, not crashes", json("""
                        {"kind": "Job", "metadata": {"annotations": {"helm.sh/hook": "test"}, "labels": null},
                         "spec": null}
                        """), List.of("deadline", "cleanup")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsWhatTheRulesSay(String sentence, JsonNode job, List<String> expectedRules) {
        assertThat(rules(job)).isEqualTo(expectedRules);
    }

    @Test
    void namesTheFieldTheValueAndWhatToWriteInstead() {
        assertThat(SHIPPED.check(job(spec("activeDeadlineSeconds", null))))
                .extracting(Finding::text, Finding::path, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "deadline: spec.activeDeadlineSeconds is not set: Helm waits for a hook Job, so one that hangs "
                                + "holds the release pending until Helm's --timeout, and the Job keeps running after; "
                                + "set 1..3600 (seconds)",
                        "spec.activeDeadlineSeconds", Severity.ERROR));
        assertThat(SHIPPED.check(job(spec("backoffLimit", json("100")))).get(0).text())
                .isEqualTo("backoff: spec.backoffLimit is 100, over the maximum 6 (a failing migration would be run "
                        + "again and again); set 0..6");
        assertThat(SHIPPED.check(job(spec("activeDeadlineSeconds", json("\"240\"")))).get(0).text())
                .isEqualTo("deadline: spec.activeDeadlineSeconds is \"240\" (a string), not an integer; set 1..3600 (seconds)");
        assertThat(SHIPPED.check(job(annotation("helm.sh/hook-delete-policy", "hook-succeeded"))).get(0).text())
                .isEqualTo("delete-policy: metadata.annotations[helm.sh/hook-delete-policy] is \"hook-succeeded\"; "
                        + "without before-hook-creation a Job left behind fails the next upgrade with \"already exists\"; "
                        + "write \"before-hook-creation,hook-succeeded\"");
    }

    @Test
    void readsLimitsAndHelmsTimeoutFromTheSettings() {
        HookPolicy strict = new HookPolicy(new PolicySettings(new Limits(3, 600), 900));
        assertThat(strict.check(job(spec("backoffLimit", null))))
                .extracting(Finding::text)
                .containsExactly("backoff: spec.backoffLimit is not set, so Kubernetes uses 6, over the maximum 3; set 0..3");
        assertThat(strict.check(job(spec("activeDeadlineSeconds", json("601"))))).extracting(Finding::text)
                .containsExactly("deadline: spec.activeDeadlineSeconds is 601, over the maximum 600; set 1..600 (seconds)");
        assertThat(strict.check(job(spec("activeDeadlineSeconds", json("600"))))).isEmpty();
    }

    @Test
    void tellsHowToFixDeadlineVersusTimeout() {
        assertThat(SHIPPED.check(job(spec("activeDeadlineSeconds", json("300"))))).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
                    assertThat(finding.text()).isEqualTo("deadline-vs-timeout: spec.activeDeadlineSeconds is 300, so "
                            + "Helm's --timeout of 300s ends first with \"context deadline exceeded\"; set at most 270 "
                            + "or run helm with --timeout 330s or more");
                });
    }

    @Test
    void keepsEveryMessageOnOneShortLineWhateverTheValues() {
        String huge = "pre-\ninstal" + "l".repeat(5000);
        ObjectNode job = job(annotation("helm.sh/hook", huge + "," + huge + "," + huge + "," + huge)
                .andThen(annotation("helm.sh/hook-weight", huge))
                .andThen(annotation("helm.sh/hook-delete-policy", huge))
                .andThen(j -> ((ObjectNode) j.get("metadata")).put("name", "migrat" + "e".repeat(300))));
        List<Finding> findings = SHIPPED.check(job);
        assertThat(findings).extracting(Finding::rule).contains("hook-events", "hook-weight", "delete-policy", "naming");
        assertThat(findings).allSatisfy(finding -> {
            assertThat(finding.text()).startsWith(finding.rule() + ": ").doesNotContain("\n");
            assertThat(finding.text().length()).isLessThanOrEqualTo(256);
        });
    }

    @Test
    void appliesOnlyToJobsThatCarryTheHookAnnotation() {
        assertThat(HookPolicy.appliesTo(passingJob())).isTrue();
        assertThat(HookPolicy.appliesTo(job(annotation("helm.sh/hook", "")))).isTrue();
        assertThat(HookPolicy.appliesTo(job(annotation("helm.sh/hook", null)
                .andThen(annotation("helm.sh/hook-delete-policy", null))))).isFalse();
        // A delete policy without the hook annotation is a finding of its own (Helm ignores it).
        assertThat(HookPolicy.appliesTo(job(annotation("helm.sh/hook", null)))).isTrue();
        assertThat(HookPolicy.appliesTo(json("{\"metadata\": {\"annotations\": null}}"))).isFalse();
        assertThat(HookPolicy.isHookJob(job(annotation("helm.sh/hook", null)))).isFalse();
    }

    @Test
    void strictNamingWantsTheNameHookwrightGivesAndOffWantsNothing() {
        ObjectNode fixed = job(j -> ((ObjectNode) j.get("metadata")).put("name", "shop-db-migration"));
        HookPolicy strict = new HookPolicy(PolicySettings.SHIPPED.withNaming(NamingPolicy.STRICT));
        assertThat(strict.check(fixed)).extracting(Finding::text).containsExactly("naming: metadata.name is "
                + "\"shop-db-migration\" but release \"shop\" names it \"shop-migrate-<revision>\"; name it "
                + "{{ .Release.Name }}-migrate-{{ .Release.Revision }}");
        assertThat(strict.check(passingJob())).isEmpty();
        HookPolicy off = new HookPolicy(PolicySettings.SHIPPED.withNaming(NamingPolicy.OFF));
        assertThat(off.check(job(j -> ((ObjectNode) j.get("metadata")).put("name", "migration-" + "x".repeat(70)))))
                .isEmpty();
    }

    @Test
    void saysWhyAHookNameNeedsItsReleaseAndAShortName() {
        assertThat(SHIPPED.check(job(j -> ((ObjectNode) j.get("metadata")).put("name", "migration-job"))))
                .extracting(Finding::text).containsExactly("naming: metadata.name is \"migration-job\", without "
                        + "release \"shop\": two releases in one namespace would share it: one deletes the other's hook, "
                        + "or fails with \"already exists\"; prefix it with {{ .Release.Name }}-");
        assertThat(SHIPPED.check(job(j -> ((ObjectNode) j.get("metadata")).put("name", "shop-" + "x".repeat(59)))))
                .singleElement().satisfies(finding -> assertThat(finding.text())
                        .startsWith("naming: metadata.name is 64 characters, over 63: it becomes the pods' job-name label"));
        // The dry run's release parameter names the release when the Job's labels do not.
        ObjectNode unlabelled = job(j -> {
            ((ObjectNode) j.at("/metadata/labels")).remove("app.kubernetes.io/instance");
            ((ObjectNode) j.get("metadata")).put("name", "migration-job");
        });
        assertThat(SHIPPED.check(unlabelled)).isEmpty();
        assertThat(SHIPPED.check(unlabelled, java.util.Optional.of("shop"))).extracting(Finding::rule)
                .containsExactly("naming");
    }

    @Test
    void warnsOfAWorkloadHookAndOfADeletePolicyOnANonHook() {
        JsonNode statefulSet = json("""
                {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "shop-db",
                  "annotations": {"helm.sh/hook": "pre-install"}}}""");
        assertThat(HookPolicy.appliesTo(statefulSet)).isTrue();
        assertThat(SHIPPED.check(statefulSet)).extracting(Finding::rule, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hook-kind", Severity.WARNING));
        JsonNode kept = json("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "shop-env",
                  "annotations": {"helm.sh/hook-delete-policy": "keep"}}}""");
        assertThat(SHIPPED.check(kept)).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("delete-policy");
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.message()).contains("Helm ignores it").contains("helm.sh/resource-policy: keep");
        });
        assertThat(SHIPPED.check(json("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "shop-env"}}"""))).isEmpty();
    }

    @Test
    void hasOneRuleForEveryIdOfTheContract() {
        assertThat(Rules.TABLE.keySet()).containsExactly("hook-events", "hook-weight", "delete-policy", "naming",
                "deadline", "backoff", "cleanup", "restart-policy", "deadline-vs-timeout");
    }
}
