package dev.hookwright.core.dryrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.UnreadableObjectException;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.manifest.Manifest;
import dev.hookwright.core.manifest.ManifestException;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.Severity;
import dev.hookwright.core.settings.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code helm template} output → {@link Report}: Deployments through the injecting webhook's
 * decision, hook Jobs through the policy, then the rules only a whole stream can check. The
 * same engine serves {@code POST /dry-run} and {@code hookwright check}; nothing is created.
 */
public final class DryRun {
    public static final String ANNOTATION = "annotation";
    public static final String RELEASE = "release";

    private final InjectionDecider decider;
    private final HookPolicy policy;

    public DryRun(InjectionDecider decider, HookPolicy policy) {
        this.decider = decider;
        this.policy = policy;
    }

    /**
     * @param namespace for objects that have none (an object's own namespace wins)
     * @param release   the release source after the annotations (docs/reference.md, Release)
     * @throws ManifestException for a Deployment that cannot be read as one
     */
    public Report run(List<Manifest> stream, Optional<String> namespace, Optional<String> release) {
        List<ObjectResult> results = new ArrayList<>(stream.size());
        for (Manifest manifest : stream) {
            results.add(check(inNamespace(manifest, namespace), release));
        }
        results = Conflicts.flag(results);
        results = PreInstallRefs.flag(results);
        return new Report(results);
    }

    private ObjectResult check(Manifest manifest, Optional<String> release) {
        if ("apps/v1".equals(manifest.apiVersion()) && "Deployment".equals(manifest.kind())) {
            return deployment(manifest, release);
        }
        if ("batch/v1".equals(manifest.apiVersion()) && "Job".equals(manifest.kind())
                && HookPolicy.appliesTo(manifest.object())) {
            return new ObjectResult(manifest, DryRunAction.VALIDATE, List.of(), policy.check(manifest.object()));
        }
        return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), List.of());
    }

    /** As the webhook would see it on CREATE: the same decision, reported as findings. */
    private ObjectResult deployment(Manifest manifest, Optional<String> release) {
        Plan plan;
        try {
            plan = decider.decide(manifest.object(), Optional.empty(), release).plan();
        } catch (UnreadableObjectException unreadable) {
            throw new ManifestException(manifest.line(), 1, unreadable.getMessage());
        }
        if (plan instanceof Plan.Invalid invalid) {
            return new ObjectResult(manifest, DryRunAction.SKIP, List.of(),
                    invalid.violations().stream().map(DryRun::annotationFinding).toList());
        }
        if (plan instanceof Plan.NoRelease noRelease) {
            return new ObjectResult(manifest, DryRunAction.SKIP, List.of(),
                    Finding.warning(RELEASE, "metadata.annotations[" + Keys.RELEASE + "]", noRelease.reason()));
        }
        if (plan instanceof Plan.Planned planned) {
            return planned.settings().skip()
                    ? new ObjectResult(manifest, DryRunAction.SKIP, List.of(), planned.warnings())
                    : new ObjectResult(manifest, DryRunAction.INJECT, planned.jobs(), planned.warnings());
        }
        return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), List.of());
    }

    private static Finding annotationFinding(Violation violation) {
        String field = violation.field();
        String path = field.contains("/") ? (field.equals(Keys.INSTANCE) ? "metadata.labels[" + field + "]"
                : "metadata.annotations[" + field + "]") : field;
        return new Finding(ANNOTATION, Severity.ERROR, violation.message(), path);
    }

    private static Manifest inNamespace(Manifest manifest, Optional<String> namespace) {
        if (namespace.isEmpty() || !manifest.namespace().isEmpty()) {
            return manifest;
        }
        ObjectNode copy = manifest.object().deepCopy();
        copy.withObjectProperty("metadata").put("namespace", namespace.get());
        return new Manifest(copy, manifest.line());
    }
}
