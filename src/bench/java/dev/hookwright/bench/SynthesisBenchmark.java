package dev.hookwright.bench;

import dev.hookwright.core.Json;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.MigrationDefaults;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Optional;

/**
 * An opted-in Deployment → its {@link Plan}: {@link #plan} as {@code /mutate} uses it (names and
 * settings; no Job is built), {@link #synthesize} with the migration Job built as the controller,
 * the dry run and {@code render} use it.
 */
@State(Scope.Benchmark)
public class SynthesisBenchmark extends BenchDefaults {
    private final MigrationPlanner planner = new MigrationPlanner(MigrationDefaults.SHIPPED);
    private Deployment deployment;

    @Setup
    public void setUp() throws Exception {
        deployment = Json.mapper().treeToValue(BenchInputs.object(BenchInputs.MUTATE_FIXTURE), Deployment.class);
        if (!(planner.plan(deployment, Optional.empty()) instanceof Plan.Planned)) {
            throw new IllegalStateException("the benchmark Deployment must plan a Job");
        }
    }

    @Benchmark
    public Plan plan() {
        return planner.plan(deployment, Optional.empty());
    }

    @Benchmark
    public Job synthesize() {
        return ((Plan.Planned) planner.plan(deployment, Optional.empty())).job();
    }
}
