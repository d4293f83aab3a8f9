package dev.hookwright.core.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestReaderTest {

    private static List<Manifest> read(String text) {
        return ManifestReader.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsHelmTemplateOutputWithCommentsSeparatorsAndEmptyDocuments() {
        List<Manifest> manifests = read("""
                ---
                # Source: shop/templates/configmap.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shop-env
                ---
                ---
                # Source: shop/templates/empty.yaml
                ---
                # Source: shop/templates/deployment.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop-web
                """);
        assertThat(manifests).extracting(Manifest::kind).containsExactly("ConfigMap", "Deployment");
        assertThat(manifests.get(1).line()).isGreaterThan(manifests.get(0).line());
    }

    @Test
    void expandsAListAndAnAdmissionReview() {
        assertThat(read("""
                {"apiVersion":"v1","kind":"List","items":[
                  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}},
                  {"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}]}""")).extracting(Manifest::name)
                .containsExactly("a", "b");
        List<Manifest> fromReview = read("""
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","namespace":"shop",
                 "object":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"}}}}""");
        assertThat(fromReview).singleElement().satisfies(m -> assertThat(m.namespace()).isEqualTo("shop"));
    }

    @Test
    void pointsAtTheLineAndColumnOfMalformedYaml() {
        assertThatThrownBy(() -> read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"))
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.line()).isGreaterThanOrEqualTo(4);
                    assertThat(e.describe()).startsWith("line ");
                });
    }

    @Test
    void pointsAtTheLineAndColumnOfMalformedJson() {
        assertThatThrownBy(() -> read("{\"apiVersion\": \"v1\",\n \"kind\": }"))
                .isInstanceOfSatisfying(ManifestException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "# only a comment\n---\n# another\n", "---\n---\n"})
    void refusesAStreamWithNoObject(String text) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("no Kubernetes object");
    }

    @Test
    void refusesADocumentThatIsNotAKubernetesObject() {
        assertThatThrownBy(() -> read("name: shop\nreplicas: 2\n")).isInstanceOf(ManifestException.class)
                .hasMessageContaining("needs apiVersion and kind");
        assertThatThrownBy(() -> read("- a\n- b\n")).isInstanceOf(ManifestException.class)
                .hasMessageContaining("not a Kubernetes object");
        assertThatThrownBy(() -> read("just text")).isInstanceOf(ManifestException.class);
    }

    @Test
    void refusesBinaryInput() {
        assertThatThrownBy(() -> ManifestReader.read(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}))
                .isInstanceOf(ManifestException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void neverExpandsAnAliasBomb() {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 60; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        // Either refused or read without expansion: never 2^60 elements.
        try {
            assertThat(read(bomb.toString()).get(0).object().toString()).hasSizeLessThan(100_000);
        } catch (ManifestException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Test
    void refusesDuplicateKeysRatherThanGuessingWhichWins() {
        assertThatThrownBy(() -> read("apiVersion: v1\nkind: ConfigMap\nkind: Secret\n"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("kind");
    }

    @Test
    void readsAnEmptyValueTildeAndNullAsUnsetAndAQuotedEmptyStringAsAString() {
        Manifest job = read("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: shop-migrate
                  annotations:
                  labels: ~
                spec:
                  backoffLimit:
                  ttlSecondsAfterFinished: null
                  template:
                    metadata:
                      annotations: {note: ""}
                    spec:
                      containers:
                      - name: migrate
                        env:
                        args: ['']
                """).get(0);
        assertThat(job.object().at("/metadata/annotations").isNull()).isTrue();
        assertThat(job.object().at("/metadata/labels").isNull()).isTrue();
        assertThat(job.object().at("/spec/backoffLimit").isNull()).isTrue();
        assertThat(job.object().at("/spec/ttlSecondsAfterFinished").isNull()).isTrue();
        assertThat(job.object().at("/spec/template/spec/containers/0/env").isNull()).isTrue();
        assertThat(job.object().at("/spec/template/metadata/annotations/note").isTextual()).isTrue();
        assertThat(job.object().at("/spec/template/spec/containers/0/args/0").textValue()).isEmpty();
    }

    @Test
    void readsAListWhoseItemsAreLeftEmptyAsNoObjects() {
        assertThat(read("apiVersion: v1\nkind: List\nitems:\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"))
                .extracting(Manifest::kind).containsExactly("ConfigMap");
    }
}
