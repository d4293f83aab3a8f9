package dev.hookwright.core.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.UnreadableObjectException;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.manifest.KindReader;
import dev.hookwright.core.manifest.Manifest;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.policy.HookPolicy;
import dev.hookwright.core.policy.PolicySettings;
import dev.hookwright.core.policy.Rules;
import dev.hookwright.core.policy.Severity;
import dev.hookwright.core.settings.Violation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code helm template} output → {@link Report}: Deployments through the injecting webhook's
 * decision, hook Jobs (and every other object) through the policy, then the rules only a whole
 * stream can check. The same engine serves {@code POST /dry-run} and {@code hookwright check};
 * nothing is created. One object that cannot be read is a finding on it, never the end of the
 * stream.
 */
public final class DryRun {
    public static final String ANNOTATION = "annotation";
    public static final String RELEASE = "release";
    /** A mount of a PersistentVolumeClaim the migration Job leaves out. */
    public static final String PVC_MOUNT = "pvc-mount";

    private final InjectionDecider decider;
    private final HookPolicy policy;

    public DryRun(InjectionDecider decider, HookPolicy policy) {
        this.decider = decider;
        this.policy = policy;
    }

    public PolicySettings policySettings() {
        return policy.settings();
    }

    /** The same engine with other policy settings (the CLI's {@code --naming}, {@code --helm-timeout}). */
    public DryRun with(PolicySettings settings) {
        return new DryRun(decider, policy.with(settings));
    }

    /**
     * @param namespace for objects that have none (an object's own namespace wins)
     * @param release   the release source after the annotations (docs/reference.md, Release)
     */
    public Report run(List<Manifest> stream, Optional<String> namespace, Optional<String> release) {
        List<ObjectResult> results = new ArrayList<>(stream.size());
        for (Manifest manifest : stream) {
            results.add(check(inNamespace(manifest, namespace), release));
        }
        results = Conflicts.flag(results);
        results = StreamRules.flag(results);
        return new Report(results);
    }

    private ObjectResult check(Manifest manifest, Optional<String> release) {
        if ("apps/v1".equals(manifest.apiVersion()) && "Deployment".equals(manifest.kind())) {
            return deployment(manifest, release);
        }
        if (HookPolicy.isHookJob(manifest.object())) {
            return new ObjectResult(manifest, DryRunAction.VALIDATE, List.of(), policy.check(manifest.object(), release));
        }
        List<Finding> findings = new ArrayList<>(policy.check(manifest.object(), release));
        KindReader.check(manifest.object())
                .ifPresent(problem -> findings.add(0, unreadable(manifest, problem, Severity.WARNING, "checked")));
        return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), findings);
    }

    /** As the webhook would see it on CREATE: the same decision, reported as findings. */
    private ObjectResult deployment(Manifest manifest, Optional<String> release) {
        List<Finding> objectFindings = policy.check(manifest.object(), release);
        Optional<KindReader.Problem> problem = KindReader.check(manifest.object());
        if (problem.isPresent()) {
            // hookwright would act on an opted-in Deployment, so not reading it is an error there.
            boolean optedIn = Keys.OPT_IN_VALUE.equals(
                    manifest.object().path("metadata").path("labels").path(Keys.OPT_IN_LABEL).asText(""));
            return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), with(objectFindings,
                    unreadable(manifest, problem.get(), optedIn ? Severity.ERROR : Severity.WARNING,
                            optedIn ? "given a migration Job" : "checked")));
        }
        Plan plan;
        try {
            plan = decider.decide(manifest.object(), Optional.empty(), release).plan();
        } catch (UnreadableObjectException unreadable) {
            return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), with(objectFindings, new Finding(Rules.UNREADABLE,
                    Severity.ERROR, unreadable.getMessage() + " (the document at line " + manifest.line() + ")", "")));
        }
        if (plan instanceof Plan.Invalid invalid) {
            List<Finding> findings = new ArrayList<>(objectFindings);
            invalid.violations().stream().map(DryRun::annotationFinding).forEach(findings::add);
            return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), findings);
        }
        if (plan instanceof Plan.NoRelease noRelease) {
            return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), with(objectFindings,
                    new Finding(RELEASE, Severity.WARNING, noRelease.reason() + "; in a dry run, name the release: "
                            + "hookwright check --release NAME, or POST /dry-run?release=NAME",
                            "metadata.annotations[" + Keys.RELEASE + "]")));
        }
        if (plan instanceof Plan.Planned planned) {
            List<Finding> findings = new ArrayList<>(objectFindings);
            findings.addAll(planned.warnings());
            if (planned.settings().skip()) {
                return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), findings);
            }
            findings.addAll(leftOutClaims(manifest.object(), planned.job()));
            return new ObjectResult(manifest, DryRunAction.INJECT, planned.jobs(), findings);
        }
        return new ObjectResult(manifest, DryRunAction.SKIP, List.of(), objectFindings);
    }

    /**
     * {@code pvc-mount}: the migration Job mounts no PersistentVolumeClaim unless
     * {@code hookwright.dev/volumes} lists it (a ReadWriteOnce claim the app's pod holds would keep
     * the migration pod waiting on a Multi-Attach error); say which mounts were left out.
     */
    private static List<Finding> leftOutClaims(JsonNode deployment, Job job) {
        Set<String> kept = new HashSet<>();
        if (job.getSpec().getTemplate().getSpec().getVolumes() != null) {
            job.getSpec().getTemplate().getSpec().getVolumes().forEach(volume -> kept.add(volume.getName()));
        }
        JsonNode podSpec = deployment.at("/spec/template/spec");
        Set<String> claims = new HashSet<>();
        for (JsonNode volume : podSpec.path("volumes")) {
            if (volume.path("persistentVolumeClaim").isObject()) {
                claims.add(volume.path("name").asText(""));
            }
        }
        String wanted = deployment.at("/metadata/annotations").path(Keys.CONTAINER).asText("");
        JsonNode containers = podSpec.path("containers");
        List<Finding> findings = new ArrayList<>();
        for (int c = 0; c < containers.size(); c++) {
            JsonNode container = containers.get(c);
            if (wanted.isEmpty() ? c != 0 : !wanted.equals(container.path("name").asText())) {
                continue;
            }
            JsonNode mounts = container.path("volumeMounts");
            for (int m = 0; m < mounts.size(); m++) {
                String volume = mounts.get(m).path("name").asText("");
                if (claims.contains(volume) && !kept.contains(volume)) {
                    String path = "spec.template.spec.containers[" + c + "].volumeMounts[" + m + "]";
                    findings.addAll(Finding.warning(PVC_MOUNT, path, "volume " + volume + " (a PersistentVolumeClaim) "
                            + "mounted at " + mounts.get(m).path("mountPath").asText("") + " is left out of the "
                            + "migration Job: a ReadWriteOnce claim the app's pods hold would keep the migration pod "
                            + "waiting (Multi-Attach) until its deadline; if the migration needs it, list it in "
                            + Keys.PREFIX + "volumes, e.g. '[\"" + volume + "\"]'"));
                }
            }
        }
        return findings;
    }

    private static Finding unreadable(Manifest manifest, KindReader.Problem problem, Severity severity, String what) {
        return new Finding(Rules.UNREADABLE, severity, problem.describe() + "; hookwright cannot read this "
                + manifest.kind() + " (the document at line " + manifest.line() + "), so it is not " + what
                + "; fix the value in the chart", problem.path());
    }

    private static List<Finding> with(List<Finding> findings, Finding more) {
        List<Finding> all = new ArrayList<>(findings);
        all.add(more);
        return all;
    }

    private static Finding annotationFinding(Violation violation) {
        String field = violation.field();
        String path = field.contains("/") ? (field.equals(Keys.INSTANCE) ? "metadata.labels[" + field + "]"
                : "metadata.annotations[" + field + "]") : field;
        return new Finding(ANNOTATION, Severity.ERROR, violation.message(), path);
    }

    private static Manifest inNamespace(Manifest manifest, Optional<String> namespace) {
        JsonNode metadata = manifest.object().path("metadata");
        if (namespace.isEmpty() || !manifest.namespace().isEmpty() || !metadata.isObject() && !metadata.isMissingNode()) {
            return manifest;
        }
        ObjectNode copy = manifest.object().deepCopy();
        copy.withObjectProperty("metadata").put("namespace", namespace.get());
        return new Manifest(copy, manifest.line());
    }
}
