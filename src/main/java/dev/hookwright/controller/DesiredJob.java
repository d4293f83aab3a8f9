package dev.hookwright.controller;

import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.naming.Hashes;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job the controller creates: the planner's synthesized Job as it is, plus the controller
 * ownerReference and a hash of the synthesized Job, so a Job that has not started can be
 * compared with what the Deployment asks for now (its spec is immutable, so it is replaced), and
 * the finalizer {@code hookwright.dev/outcome}, which keeps the Job (and so its outcome) until the
 * controller has recorded that outcome, even when its TTL is 0 or the controller was down.
 */
public final class DesiredJob {
    /** Annotation on a created Job: the hash of the synthesized Job it was made from. */
    public static final String SPEC_HASH = "hookwright.dev/spec-hash";

    private DesiredJob() {
    }

    public static Job of(Deployment owner, Job synthesized) {
        Map<String, String> annotations = new LinkedHashMap<>(synthesized.getMetadata().getAnnotations() == null
                ? Map.of() : synthesized.getMetadata().getAnnotations());
        annotations.put(SPEC_HASH, hash(synthesized));
        return new JobBuilder(synthesized)
                .editMetadata()
                    .withAnnotations(annotations)
                    .withOwnerReferences(List.of(Ownership.controllerReference(owner)))
                    .withFinalizers(List.of(Keys.OUTCOME_FINALIZER))
                .endMetadata()
                .build();
    }

    /** The synthesizer is deterministic, so equal Deployments give equal JSON and equal hashes. */
    public static String hash(Job synthesized) {
        try {
            return Hashes.sha256Hex(Json.mapper().writeValueAsString(synthesized), 16);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a synthesized Job always serializes", e);
        }
    }

    public static boolean matches(Job existing, Job synthesized) {
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        return annotations != null && hash(synthesized).equals(annotations.get(SPEC_HASH));
    }

    public static boolean isHeld(Job job) {
        return job.getMetadata().getFinalizers() != null && job.getMetadata().getFinalizers().contains(Keys.OUTCOME_FINALIZER);
    }
}
