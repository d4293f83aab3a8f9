package dev.hookwright.bench;

import dev.hookwright.admission.AdmissionEndpoint;
import dev.hookwright.admission.InjectionHandler;
import dev.hookwright.admission.PolicyHandler;
import dev.hookwright.admission.PolicyMode;
import dev.hookwright.core.Json;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.MigrationPlanner;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.PolicySettings;
import dev.hookwright.core.settings.MigrationDefaults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Everything a webhook request costs above HTTP and TLS: bytes in → answer bytes out, metrics
 * included. The gap between this and the wrk latency is the transport.
 */
@State(Scope.Benchmark)
public class EndpointBenchmark extends BenchDefaults {
    private AdmissionEndpoint mutate;
    private AdmissionEndpoint validate;
    private byte[] deploymentReview;
    private byte[] jobReview;

    @Setup
    public void setUp() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        mutate = new AdmissionEndpoint("mutate", new InjectionHandler(new InjectionDecider(
                new MigrationPlanner(MigrationDefaults.SHIPPED))), metrics);
        validate = new AdmissionEndpoint("validate-warn", new PolicyHandler(new HookPolicy(PolicySettings.SHIPPED),
                PolicyMode.WARN, finding -> { }), metrics);
        deploymentReview = BenchInputs.reviewBytes(BenchInputs.MUTATE_FIXTURE);
        jobReview = BenchInputs.reviewBytes(BenchInputs.VALIDATE_FIXTURE);
    }

    @Benchmark
    public byte[] mutate() throws Exception {
        return Json.mapper().writeValueAsBytes(mutate.answer(deploymentReview).body());
    }

    @Benchmark
    public byte[] validateWarn() throws Exception {
        return Json.mapper().writeValueAsBytes(validate.answer(jobReview).body());
    }
}
