package dev.hookwright.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The name extractor the monitoring tests rely on: if it found nothing, their checks could not fail. */
class PromQlTest {

    @Test
    void findsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(PromQl.metricNames("""
                time() > max by (namespace, deployment) (hookwright_migration_deadline_timestamp_seconds)
                and on (namespace, deployment) max by (namespace, deployment) (a_status{phase=~"Pending|Running"}) == 1
                """)).containsExactly("a_status", "hookwright_migration_deadline_timestamp_seconds");
        assertThat(PromQl.metricNames("sum(rate(x_count{job=~\"$job\", uri=~\"/mutate|/validate.*\"}[$__rate_interval]))"
                + " / sum(rate(y_count[5m])) > 0.5 or vector(0)")).containsExactly("x_count", "y_count");
        assertThat(PromQl.metricNames("absent(up{job=\"hookwright-metrics\"} == 1)")).containsExactly("up");
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le) (rate(h_bucket[1h]))) < 14 * 86400"))
                .containsExactly("h_bucket");
    }
}
