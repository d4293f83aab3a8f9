package dev.hookwright.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The facts every edge shares, each answered the same on a fabric8 model and on raw JSON. */
class SharedFactsTest {

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"enabled, true", "rendered, false", "Enabled, false", "'', false"})
    void optsInOnlyWithTheLabelValueEnabled(String value, boolean optedIn) {
        assertThat(OptIn.isOptedIn(Map.of(Keys.OPT_IN_LABEL, value))).isEqualTo(optedIn);
        assertThat(OptIn.isOptedIn(new ObjectMetaBuilder().addToLabels(Keys.OPT_IN_LABEL, value).build())).isEqualTo(optedIn);
        assertThat(OptIn.isOptedIn(json("{'metadata':{'labels':{'hookwright.dev/migrations':'" + value + "'}}}")))
                .isEqualTo(optedIn);
    }

    @Test
    void isNotOptedInWithoutLabelsOrWithALabelOfAnotherType() {
        assertThat(OptIn.isOptedIn((Map<String, String>) null)).isFalse();
        assertThat(OptIn.isOptedIn(json("{'metadata':{}}"))).isFalse();
        assertThat(OptIn.isOptedIn(json("{'metadata':{'labels':{'hookwright.dev/migrations':true}}}"))).isFalse();
    }

    @Test
    void isBeingDeletedExactlyWhenADeletionTimestampIsSet() {
        assertThat(Deletion.isBeingDeleted(json("{'metadata':{'deletionTimestamp':'2026-01-01T00:00:00Z'}}"))).isTrue();
        assertThat(Deletion.isBeingDeleted(json("{'metadata':{'deletionTimestamp':null}}"))).isFalse();
        assertThat(Deletion.isBeingDeleted(json("{}"))).isFalse();
        assertThat(Deletion.isBeingDeleted(new JobBuilder().withNewMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z")
                .endMetadata().build())).isTrue();
        assertThat(Deletion.isBeingDeleted(new JobBuilder().withNewMetadata().endMetadata().build())).isFalse();
    }

    @Test
    void reusesTheNamedContainerElseTheFirstOnTheModelAndOnRawJsonAlike() {
        PodTemplateSpec template = new PodTemplateSpecBuilder().withNewSpec()
                .addNewContainer().withName("web").endContainer()
                .addNewContainer().withName("worker").endContainer().endSpec().build();
        assertThat(ReusedContainer.of(template, Optional.empty()).orElseThrow().getName()).isEqualTo("web");
        assertThat(ReusedContainer.of(template, Optional.of("worker")).orElseThrow().getName()).isEqualTo("worker");
        assertThat(ReusedContainer.of(template, Optional.of("db"))).isEmpty();
        assertThat(ReusedContainer.names(template)).containsExactly("web", "worker");

        String containers = "'spec':{'template':{'spec':{'containers':[{'name':'web'},{'name':'worker'}]}}}";
        assertThat(ReusedContainer.of(json("{" + containers + "}")).orElseThrow().path("name").asText()).isEqualTo("web");
        assertThat(ReusedContainer.of(json("{'metadata':{'annotations':{'hookwright.dev/container':'worker'}}," + containers
                + "}")).orElseThrow().path("name").asText()).isEqualTo("worker");
        assertThat(ReusedContainer.of(json("{'metadata':{'annotations':{'hookwright.dev/container':'db'}}," + containers
                + "}"))).isEmpty();
    }

    @Test
    void neverReusesANullContainer() {
        assertThat(ReusedContainer.of(json("{'spec':{'template':{'spec':{'containers':[null,{'name':'web'}]}}}}"))).isEmpty();
        assertThat(ReusedContainer.of(json("{'metadata':{'annotations':{'hookwright.dev/container':'web'}},"
                + "'spec':{'template':{'spec':{'containers':[null,{'name':'web'}]}}}}"))).isPresent();
    }

    @Test
    void readsOnlyTrueTerminalConditions() {
        Job failed = new JobBuilder().withNewStatus().addNewCondition().withType("Failed").withStatus("True")
                .withReason("BackoffLimitExceeded").endCondition().endStatus().build();
        Job notYet = new JobBuilder().withNewStatus().addNewCondition().withType("Failed").withStatus("False")
                .endCondition().endStatus().build();
        assertThat(JobConditions.isFailed(failed)).isTrue();
        assertThat(JobConditions.failed(failed).orElseThrow().getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(JobConditions.isComplete(failed)).isFalse();
        assertThat(JobConditions.isFailed(notYet)).isFalse();
        assertThat(JobConditions.isFailed(new Job())).isFalse();
    }

    @Test
    void shortensToAtMostTheLimitMarkingTheCut() {
        assertThat(Text.shorten("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Text.shorten("abcdefg", 6)).isEqualTo("abc...");
        assertThat(Text.shortenUtf8("ääää", 8, "...")).isEqualTo("ääää");
        assertThat(Text.shortenUtf8("äääää", 8, "...")).isEqualTo("ää...");
        assertThat(Text.shortenUtf8("a😀b", 5, "…")).isEqualTo("a…");
        assertThat(Text.oneLine("a\r\nb\nc\rd")).isEqualTo("a b c d");
    }

    @ParameterizedTest(name = "{0}: label {1}, subdomain {2}")
    @CsvSource({"shop, true, true", "shop.example, false, true", "Shop, false, false", "-shop, false, false",
            "shop-, false, false", "'', false, false"})
    void tellsDns1123LabelsFromSubdomains(String name, boolean label, boolean subdomain) {
        assertThat(Dns1123.isLabel(name)).isEqualTo(label);
        assertThat(Dns1123.isSubdomain(name)).isEqualTo(subdomain);
    }

    @Test
    void limitsLabelsTo63Characters() {
        assertThat(Dns1123.isLabel("a".repeat(63))).isTrue();
        assertThat(Dns1123.isLabel("a".repeat(64))).isFalse();
    }

    @Test
    void cleansJacksonMessagesForTheSender() {
        assertThat(Json.readableMessage("Unexpected character ('x') (start marker at [Source: (byte[])\"x\"; line: 1])\n at [Source"))
                .isEqualTo("Unexpected character ('x')");
        assertThat(Json.readableMessage(null)).isEqualTo("unreadable input");
    }
}
