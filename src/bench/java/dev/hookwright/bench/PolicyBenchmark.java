package dev.hookwright.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.PolicySettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/** Policy evaluation: every rule of the table over one real chart's hook Job. */
@State(Scope.Benchmark)
public class PolicyBenchmark extends BenchDefaults {
    private final HookPolicy policy = new HookPolicy(PolicySettings.SHIPPED);
    private ObjectNode job;

    @Setup
    public void setUp() {
        job = BenchInputs.object(BenchInputs.VALIDATE_FIXTURE);
    }

    @Benchmark
    public List<Finding> check() {
        return policy.check(job);
    }
}
