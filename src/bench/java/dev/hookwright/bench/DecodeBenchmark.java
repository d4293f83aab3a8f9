package dev.hookwright.bench;

import dev.hookwright.admission.AdmissionRequest;
import dev.hookwright.admission.AdmissionReviewReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** AdmissionReview decoding: request bytes → {@link AdmissionRequest}, the first step of every answer. */
@State(Scope.Benchmark)
public class DecodeBenchmark extends BenchDefaults {
    private byte[] deploymentReview;
    private byte[] jobReview;

    @Setup
    public void setUp() {
        deploymentReview = BenchInputs.reviewBytes(BenchInputs.MUTATE_FIXTURE);
        jobReview = BenchInputs.reviewBytes(BenchInputs.VALIDATE_FIXTURE);
    }

    @Benchmark
    public AdmissionRequest deploymentReview() {
        return AdmissionReviewReader.read(deploymentReview);
    }

    @Benchmark
    public AdmissionRequest hookJobReview() {
        return AdmissionReviewReader.read(jobReview);
    }
}
