package dev.hookwright.core.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.helm.HookEvent;
import dev.hookwright.core.dryrun.PodReferences.Reference;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.policy.MigrationHooks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The rules only a whole stream reveals, so admission, which sees one object, cannot check them.
 * Each reads every object of the stream (synthesized Jobs included, as hooks of their events)
 * and reports on the object that makes the mistake.
 */
final class StreamRules {
    static final String PRE_INSTALL_REFS = "pre-install-refs";
    static final String HOOK_ORDER = "hook-order";
    static final String POST_DELETE_REFS = "post-delete-refs";
    static final String WAIT_DEADLOCK = "wait-deadlock";
    static final String DUPLICATE_MIGRATION = "duplicate-migration";

    /** Kinds a pod reads that Helm may create as ordinary objects or as hooks. */
    private static final Set<String> READ_KINDS = Set.of("ConfigMap", "Secret", "ServiceAccount", "PersistentVolumeClaim");
    private static final Set<HookEvent> POST_READY = EnumSet.of(HookEvent.POST_INSTALL, HookEvent.POST_UPGRADE);
    /** k8s-wait-for's ways of naming a Job: wait until it completes, without or with errors. */
    private static final Set<String> WAIT_FOR_JOB = Set.of("job", "job-wr", "job-we");
    private static final List<String> JOB_RESOURCES = List.of("job/", "jobs/", "job.batch/", "jobs.batch/");

    private StreamRules() {
    }

    /** Every rule over every result, findings added to the result that owns the object at fault. */
    static List<ObjectResult> flag(List<ObjectResult> results) {
        List<StreamObject> stream = new ArrayList<>();
        for (ObjectResult result : results) {
            stream.add(new StreamObject(result.manifest().object(), result));
            result.jobs().forEach(job -> stream.add(new StreamObject(Json.mapper().valueToTree(job), result)));
        }
        Map<ObjectResult, List<Finding>> found = new HashMap<>();
        List<BiFunction<StreamObject, List<StreamObject>, List<Finding>>> rules = List.of(
                StreamRules::preInstallRefs, StreamRules::hookOrder, StreamRules::postDeleteRefs,
                StreamRules::waitDeadlock);
        for (StreamObject object : stream) {
            for (var rule : rules) {
                List<Finding> findings = rule.apply(object, stream);
                if (!findings.isEmpty()) {
                    found.computeIfAbsent(object.owner(), owner -> new ArrayList<>()).addAll(findings);
                }
            }
        }
        List<ObjectResult> flagged = new ArrayList<>(results.size());
        for (ObjectResult result : results) {
            List<Finding> findings = new ArrayList<>(found.getOrDefault(result, List.of()));
            findings.addAll(duplicateMigration(result, results));
            flagged.add(result.plus(dedupe(findings)));
        }
        return flagged;
    }

    /**
     * {@code pre-install-refs}: Helm creates ordinary objects after pre-install hooks, so on a
     * first install a pre-install hook that reads one runs without it.
     */
    private static List<Finding> preInstallRefs(StreamObject hook, List<StreamObject> stream) {
        // An optional reference is still reported: the hook then runs without what it asked for.
        return ordinaryObjectsRead(hook, stream, HookEvent.PRE_INSTALL, false, ref -> Finding.warning(PRE_INSTALL_REFS,
                ref.path(), ref.path() + " names " + ref.kind() + " " + ref.name() + ", which this stream creates as "
                        + "an ordinary object: Helm creates it after pre-install hooks, so on a first install the hook "
                        + "runs without it; make it a hook with a lower weight, or run the migration post-install"));
    }

    /**
     * The findings {@code finding} makes for each reference of a hook of {@code event} to an
     * ordinary (non-hook) object of the same stream; optional references are passed over when
     * {@code skipOptional}.
     */
    private static List<Finding> ordinaryObjectsRead(StreamObject hook, List<StreamObject> stream, HookEvent event,
            boolean skipOptional, java.util.function.Function<Reference, List<Finding>> finding) {
        if (!hook.isHook() || !hook.events().contains(event)) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Reference ref : PodReferences.of(hook.object())) {
            if (skipOptional && ref.optional()) {
                continue;
            }
            for (StreamObject target : targets(ref, hook, stream)) {
                if (!target.isHook()) {
                    findings.addAll(finding.apply(ref));
                }
            }
        }
        return findings;
    }

    /**
     * {@code hook-order}: Helm runs the hooks of one event by weight, then by name, and waits for
     * each Job before creating the next hook; a hook Job that reads a hook created after it
     * starts without it, and its pod waits until the Job's deadline.
     */
    private static List<Finding> hookOrder(StreamObject hook, List<StreamObject> stream) {
        if (!hook.isHook() || !"Job".equals(hook.kind()) && !"Pod".equals(hook.kind())) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Reference ref : PodReferences.of(hook.object())) {
            if (ref.optional()) {
                continue;
            }
            for (StreamObject target : targets(ref, hook, stream)) {
                Set<HookEvent> shared = EnumSet.noneOf(HookEvent.class);
                shared.addAll(hook.events());
                shared.retainAll(target.events());
                if (!target.isHook() || shared.isEmpty() || StreamObject.HELM_ORDER.compare(target, hook) < 0) {
                    continue;
                }
                String event = shared.iterator().next().helmName();
                findings.addAll(Finding.error(HOOK_ORDER, ref.path(), ref.path() + " names " + ref.kind() + " "
                        + ref.name() + ", a " + event + " hook that Helm creates after this one (hooks run by weight, "
                        + "then by name: " + order(hook) + " before " + order(target) + ") and Helm waits for this "
                        + "Job first, so it runs without it; give " + ref.kind() + " " + ref.name()
                        + " a lower helm.sh/hook-weight"));
            }
        }
        return findings;
    }

    /**
     * {@code post-delete-refs}: uninstall deletes the release's ordinary objects before the
     * post-delete hooks run, so a hook that reads one never starts and {@code helm uninstall} hangs.
     */
    private static List<Finding> postDeleteRefs(StreamObject hook, List<StreamObject> stream) {
        return ordinaryObjectsRead(hook, stream, HookEvent.POST_DELETE, true, ref -> Finding.error(POST_DELETE_REFS,
                ref.path(), ref.path() + " names " + ref.kind() + " " + ref.name() + ", an ordinary object of the "
                        + "release: helm uninstall deletes it before post-delete hooks run, so this hook's pod never "
                        + "starts and the uninstall hangs until its timeout; make " + ref.kind() + " " + ref.name()
                        + " a post-delete hook with a lower weight (or annotate it helm.sh/resource-policy: keep)"));
    }

    /**
     * {@code wait-deadlock}: an ordinary workload whose init container waits for a post-install
     * or post-upgrade hook Job. Under {@code helm --wait}, Argo CD or Flux the release waits for
     * the workload's pods, the pods wait for the hook, and the hook runs only once the release is
     * ready.
     */
    private static List<Finding> waitDeadlock(StreamObject workload, List<StreamObject> stream) {
        if (workload.isHook() || "Job".equals(workload.kind())) {
            return List.of();
        }
        var pod = PodReferences.podSpec(workload.object());
        if (pod.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        JsonNode initContainers = pod.get().spec().path("initContainers");
        for (int c = 0; c < initContainers.size(); c++) {
            String path = pod.get().path() + ".initContainers[" + c + "]";
            for (String job : awaitedJobs(initContainers.get(c))) {
                for (StreamObject hook : stream) {
                    if (hook.isHook() && "Job".equals(hook.kind()) && hook.is("Job", workload.namespace(), job)
                            && hook.events().stream().anyMatch(POST_READY::contains)) {
                        findings.addAll(Finding.error(WAIT_DEADLOCK, path, path + " waits for Job " + job + ", a "
                                + String.join(",", hook.events().stream().map(HookEvent::helmName).toList())
                                + " hook, which runs only once the release is ready; under helm --wait, Argo CD or "
                                + "Flux the release waits for these pods, which wait for the hook: a deadlock; run "
                                + "the Job as a pre-install,pre-upgrade hook, or drop the wait"));
                    }
                }
            }
        }
        return findings;
    }

    /**
     * The Jobs an init container waits for: k8s-wait-for's {@code job NAME} (and {@code job-wr},
     * {@code job-we}), or {@code kubectl wait ... job/NAME}, also inside a shell command line.
     */
    static List<String> awaitedJobs(JsonNode container) {
        List<String> words = new ArrayList<>();
        for (String field : List.of("command", "args")) {
            for (JsonNode item : container.path(field)) {
                for (String word : item.asText("").trim().split("[\\s;&|]+")) {
                    String clean = word.replaceAll("^[\"']+|[\"']+$", "");
                    if (!clean.isEmpty()) {
                        words.add(clean);
                    }
                }
            }
        }
        List<String> jobs = new ArrayList<>();
        boolean kubectlWait = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).toLowerCase(Locale.ROOT);
            if (word.equals("wait") && i > 0 && words.get(i - 1).endsWith("kubectl")) {
                kubectlWait = true;
            }
            if (WAIT_FOR_JOB.contains(word) && i + 1 < words.size() && !words.get(i + 1).startsWith("-")) {
                jobs.add(words.get(i + 1));
            }
            if (kubectlWait) {
                for (String resource : JOB_RESOURCES) {
                    if (word.startsWith(resource) && word.length() > resource.length()) {
                        jobs.add(words.get(i).substring(resource.length()));
                    }
                }
            }
        }
        return jobs;
    }

    /**
     * {@code duplicate-migration}: an opted-in Deployment in a release that also ships a
     * hand-written migration hook; both would run the migration.
     */
    private static List<Finding> duplicateMigration(ObjectResult result, List<ObjectResult> results) {
        if (result.action() != DryRunAction.INJECT) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (ObjectResult other : results) {
            if (other.action() == DryRunAction.VALIDATE && MigrationHooks.isMigration(other.manifest().object())) {
                findings.addAll(Finding.warning(DUPLICATE_MIGRATION, "metadata.labels[hookwright.dev/migrations]",
                        "the release also ships hook Job " + other.manifest().name() + ", which runs a migration: "
                                + "with the Job hookwright makes, the migration would run twice; remove the "
                                + "hand-written hook, or the opt-in label"));
            }
        }
        return findings;
    }

    private static List<StreamObject> targets(Reference ref, StreamObject from, List<StreamObject> stream) {
        if (!READ_KINDS.contains(ref.kind())) {
            return List.of();
        }
        return stream.stream().filter(object -> object != from && object.is(ref.kind(), from.namespace(), ref.name()))
                .toList();
    }

    private static String order(StreamObject hook) {
        return "\"" + hook.name() + "\" at weight " + hook.weight();
    }

    private static List<Finding> dedupe(List<Finding> findings) {
        List<Finding> unique = new ArrayList<>();
        for (Finding finding : findings) {
            if (unique.stream().noneMatch(f -> f.sameAs(finding) && f.message().equals(finding.message()))) {
                unique.add(finding);
            }
        }
        return unique;
    }
}
