package dev.hookwright.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Objects that cannot be read as their kind, as charts get them wrong: the problem is told in
 * the user's terms (field path, value, what belongs there), never in the mapping library's.
 */
class KindReaderTest {
    private static final List<String> INTERNALS = List.of("jackson", "com.", "java.", "exception",
            "cannot deserialize", "fabric8", "linkedhashmap", "token");

    /** One wrong value a template can print, in YAML as {@code helm template} shows it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a word for replicas | apps/v1 | Deployment | spec: {replicas: two}"
                + " | spec.replicas | \"two\" (a string) | an integer",
        "a list for labels | batch/v1 | Job | metadata: {name: x, labels: [app=shop]}"
                + " | metadata.labels | a list | a map of key: value pairs",
        "a string for backoffLimit | batch/v1 | Job | spec: {backoffLimit: three}"
                + " | spec.backoffLimit | \"three\" (a string) | an integer",
        "a map for a container's ports | apps/v1 | Deployment | `spec: {template: {spec: {containers: [{name: a, ports: {http: 80}}]}}}`"
                + " | spec.template.spec.containers[0].ports | a map of fields | a list of items",
        "a map for an annotation value | v1 | ConfigMap | `metadata: {name: x, annotations: {a: {b: c}}}`"
                + " | metadata.annotations[a] | a map of fields | a string",
        "a list for a ConfigMap value | v1 | ConfigMap | `data: {A: [1, 2]}`"
                + " | data[A] | a list | a string",
        "a word for a boolean | batch/v1 | Job | `spec: {suspend: maybe}`"
                + " | spec.suspend | \"maybe\" (a string) | true or false",
        "a bad quantity | apps/v1 | Deployment | `spec: {template: {spec: {containers: [{name: a, resources: {limits: {cpu: [1]}}}]}}}`"
                + " | spec.template.spec.containers[0].resources.limits[cpu] | a list | a quantity",
        "a string for a whole spec | apps/v1 | StatefulSet | `spec: nothing`"
                + " | spec | \"nothing\" (a string) | a map of fields",
        "a list for env | apps/v1 | Deployment | `spec: {template: {spec: {containers: [{name: a, env: {A: b}}]}}}`"
                + " | spec.template.spec.containers[0].env | a map of fields | a list of items",
        "a number for a container's image | v1 | Pod | `spec: {containers: [{name: a, image: {repo: x}}]}`"
                + " | spec.containers[0].image | a map of fields | a string",
    })
    void saysWhereWhatAndWhatBelongsThere(String sentence, String apiVersion, String kind, String body, String path,
            String found, String expected) {
        JsonNode object = yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\n" + body + "\n");
        KindReader.Problem problem = KindReader.check(object).orElseThrow(() -> new AssertionError("no problem found"));
        assertThat(problem.path()).isEqualTo(path);
        assertThat(problem.found()).isEqualTo(found);
        assertThat(problem.expected()).startsWith(expected);
        assertThat(problem.describe().toLowerCase(Locale.ROOT)).doesNotContain(INTERNALS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "empty values are unset | `metadata:\\n  name: x\\n  annotations:\\nspec:\\n  replicas:\\n  template:\\n    spec:\\n      containers:\\n      - name: a\\n        env:\\n`",
        "tilde and null are unset | `metadata: {name: x, labels: ~, annotations: null}\\nspec: {replicas: ~}`",
        "a quoted number is read as one | `metadata: {name: x}\\nspec: {replicas: \"2\"}`",
    })
    void readsWhatKubernetesReads(String sentence, String body) {
        JsonNode object = yaml("apiVersion: apps/v1\nkind: Deployment\n" + body.replace("\\n", "\n") + "\n");
        assertThat(KindReader.check(object)).isEmpty();
        assertThat(KindReader.read(object, Deployment.class).getMetadata().getName()).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void throwsTheUnreadableObjectExceptionWithThatMessageOnly() {
        ObjectNode job = (ObjectNode) yaml("apiVersion: batch/v1\nkind: Job\nspec: {completions: many}\n");
        assertThatThrownBy(() -> KindReader.read(job, Job.class)).isInstanceOf(dev.hookwright.core.UnreadableObjectException.class)
                .hasMessage("spec.completions is \"many\" (a string), where Kubernetes expects an integer such as 2 "
                        + "(write it without quotes)")
                .hasNoCause();
    }

    private static JsonNode yaml(String text) {
        return ManifestReader.read(text.getBytes(StandardCharsets.UTF_8)).get(0).object();
    }

    @SuppressWarnings("unused")
    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
