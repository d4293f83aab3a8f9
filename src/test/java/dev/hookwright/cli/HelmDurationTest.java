package dev.hookwright.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Helm's --timeout syntax, which is Go's time.ParseDuration. */
class HelmDurationTest {

    @ParameterizedTest(name = "{0} = {1}s")
    @CsvSource({"300s, 300", "5m, 300", "5m0s, 300", "10m, 600", "1h30m, 5400", "1.5h, 5400", "90s, 90",
        "2h, 7200", "1500ms, 1", "1m30.5s, 90", "0.5m, 30", ".5m, 30", "1h1m1s, 3661"})
    void readsWhatHelmReads(String text, long seconds) {
        assertThat(HelmDuration.seconds(text)).contains(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "600", "10 m", "m", "-5s", "5x", "1.5.2s", "s10", "5m ", "10M", "1d"})
    void refusesWhatHelmRefuses(String text) {
        assertThat(HelmDuration.seconds(text)).isEqualTo(Optional.empty());
    }
}
