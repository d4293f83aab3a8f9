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
            "PGPASSWORD=s3cr/t+x@y psql -h db | PGPASSWORD=*** psql -h db",
            "export API_KEY=abc123 | export API_KEY=***",
            "AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG+bPxRfiCY | AWS_SECRET_ACCESS_KEY: ***",
            "db_credential=xyz | db_credential=***",
            "password=\"two words\" | password=\"***\"",
            "Authorization: Bearer abc.def-ghi_jkl+/= next | Authorization: Bearer *** next",
            "Authorization: Basic dXNlcjpwYXNz | Authorization: Basic ***",
            "authorization=rawtoken123 | authorization=***",
            "migrate --password hunter2 --verbose | migrate --password *** --verbose",
            "migrate --password=hunter2 | migrate --password=***",
            "migrate --db-token 'a b' --x | migrate --db-token *** --x",
            "postgres://app:p@ss/w+rd@db:5432/shop | postgres://app:***@db:5432/shop",
            "mysql://root:a/b+c@d@mysql.svc/app?x=1 | mysql://root:***@mysql.svc/app?x=1",
            "key id AKIAIOSFODNN7EXAMPLE used | key id *** used",
            "temporary ASIAY34FZKBOKMUTVV7A | temporary ***",
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c ok | jwt *** ok",
            "duplicate key value violates unique constraint | duplicate key value violates unique constraint",
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
