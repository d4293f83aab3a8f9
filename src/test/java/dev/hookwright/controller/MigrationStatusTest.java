package dev.hookwright.controller;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationStatusTest {

    @Test
    void readsWhatItWrites() {
        MigrationStatus status = new MigrationStatus("shop-migrate-3", Phase.Succeeded);
        assertThat(status.toString()).isEqualTo("shop-migrate-3 Succeeded");
        assertThat(MigrationStatus.parse(status.toString())).contains(status);
    }

    @Test
    void treatsAnUnreadableValueAsNoRecord() {
        assertThat(MigrationStatus.parse("shop-migrate-3")).isEmpty();
        assertThat(MigrationStatus.parse("shop-migrate-3 Done")).isEmpty();
        assertThat(MigrationStatus.parse(null)).isEmpty();
    }

    @Test
    void countsOnlySucceededFailedAndSkippedAsOutcomes() {
        assertThat(new MigrationStatus("j", Phase.Failed).isOutcomeOf("j")).isTrue();
        assertThat(new MigrationStatus("j", Phase.Skipped).isOutcomeOf("j")).isTrue();
        assertThat(new MigrationStatus("j", Phase.Running).isOutcomeOf("j")).isFalse();
        assertThat(new MigrationStatus("j", Phase.Succeeded).isOutcomeOf("k")).isFalse();
    }

    @Test
    void recordsAnInvalidDeploymentWithoutAJobName() {
        assertThat(MigrationStatus.invalid().toString()).isEqualTo("- Invalid");
        assertThat(MigrationStatus.parse("- Invalid")).isEqualTo(Optional.of(MigrationStatus.invalid()));
    }
}
