package dev.hookwright.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.inject.Decision;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.patch.DeploymentRecord;
import dev.hookwright.core.patch.JsonPatches;
import dev.hookwright.core.settings.MigrationDefaults;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Optional;

/**
 * Patch creation: the record applied to a copy and diffed ({@code diff}), and the whole
 * {@code /mutate} decision on the raw object ({@code decide}: Deployment binding, planning, patch).
 */
@State(Scope.Benchmark)
public class PatchBenchmark extends BenchDefaults {
    private final InjectionDecider decider = new InjectionDecider(new MigrationPlanner(MigrationDefaults.SHIPPED));
    private ObjectNode deployment;

    @Setup
    public void setUp() {
        deployment = BenchInputs.object(BenchInputs.MUTATE_FIXTURE);
        if (decider.decide(deployment, Optional.empty(), Optional.empty()).patch().isEmpty()) {
            throw new IllegalStateException("the benchmark Deployment must be patched");
        }
    }

    @Benchmark
    public JsonNode diff() {
        return JsonPatches.diff(deployment, DeploymentRecord.apply(deployment, "shop-migrate-72f8bdd166", false));
    }

    @Benchmark
    public Decision decide() {
        return decider.decide(deployment, Optional.empty(), Optional.empty());
    }
}
