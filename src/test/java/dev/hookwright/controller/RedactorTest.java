package dev.hookwright.controller;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource(delimiter = '|', value = {
            "dial postgres://app:hunter2@db:5432/shop failed | dial postgres://app:***@db:5432/shop failed",
            "amqps://:s3cr3t@mq | amqps://:***@mq",
            "password=hunter2 rejected | password=*** rejected",
            "DB_PASSWORD=hunter2 | DB_PASSWORD=***",
            "token=abc.def&user=me | token=***&user=me",
            "client_secret=xyz; retry | client_secret=***; retry",
            "{\"password\": \"hunter2\"} | {\"password\": \"***\"}",
            "relation \"users\" does not exist | relation \"users\" does not exist",
    })
    void masksCredentialsAndKeepsTheRest(String text, String expected) {
        assertThat(Redactor.redact(text)).isEqualTo(expected);
    }

    @Test
    void cutsANoteToOneKibibyteOnACodePointBoundary() {
        String note = "é".repeat(2000);
        String redacted = Redactor.redact(note);
        assertThat(redacted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Redactor.MAX_BYTES);
        assertThat(redacted).endsWith("…").doesNotContain("\uFFFD");
    }

    @Test
    void redactsBeforeCuttingSoACutCannotUncoverASecret() {
        String note = "x".repeat(1015) + " password=hunter2";
        assertThat(Redactor.redact(note)).doesNotContain("hunter");
    }

    @Test
    void leavesShortNotesAlone() {
        assertThat(Redactor.redact("Job shop-migrate-1 succeeded in 4s")).isEqualTo("Job shop-migrate-1 succeeded in 4s");
    }
}
