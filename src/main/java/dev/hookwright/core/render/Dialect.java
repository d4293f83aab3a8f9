package dev.hookwright.core.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.helm.HookEvent;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whose hook annotations a rendered Job carries. {@code helm}: Helm's, as synthesized (Helm 4
 * post-renders before it sorts hooks out, so the Job becomes a real hook). {@code argocd}: Argo
 * CD's own, for a stream Argo CD applies after {@code helm template}.
 */
public enum Dialect {
    HELM,
    ARGOCD;

    public static final String ARGOCD_HOOK = "argocd.argoproj.io/hook";
    public static final String ARGOCD_HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
    public static final String ARGOCD_SYNC_WAVE = "argocd.argoproj.io/sync-wave";
    /**
     * Argo CD creates a hook that has a fixed name only once, unless a delete policy removes it
     * (its default, {@code BeforeHookCreation}, removes it before every sync). Deleting only a
     * failed Job keeps a finished migration in place, so a re-sync of the same revision does not
     * run it again, while a failed one is created and run again by the next sync, as Helm's
     * {@code before-hook-creation} does for a failed hook.
     */
    static final String ARGOCD_DELETE_ONLY_FAILED = "HookFailed";
    private static final Set<HookEvent> PRE = EnumSet.of(HookEvent.PRE_INSTALL, HookEvent.PRE_UPGRADE);
    private static final Set<HookEvent> POST = EnumSet.of(HookEvent.POST_INSTALL, HookEvent.POST_UPGRADE);

    /** {@code helm} or {@code argocd}, any case. */
    public static Optional<Dialect> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "helm" -> Optional.of(HELM);
            case "argocd" -> Optional.of(ARGOCD);
            default -> Optional.empty();
        };
    }

    /**
     * Rewrites a Job tree (as {@code HelmExport.forHelm} makes it) for this dialect.
     *
     * @return the reason it cannot be expressed in this dialect, or empty when it was rewritten
     */
    Optional<String> apply(ObjectNode job) {
        if (this == HELM) {
            return Optional.empty();
        }
        ObjectNode annotations = job.withObjectProperty("metadata").withObjectProperty("annotations");
        Set<HookEvent> events = EnumSet.noneOf(HookEvent.class);
        for (String event : annotations.path(Keys.HELM_HOOK).asText("").split(",")) {
            HookEvent.parse(event).ifPresent(events::add);
        }
        String phase = events.equals(PRE) ? "PreSync" : events.equals(POST) ? "PostSync" : null;
        if (phase == null) {
            return Optional.of(inexpressible(job, annotations.path(Keys.HELM_HOOK).asText("")));
        }
        String weight = annotations.path(Keys.HELM_HOOK_WEIGHT).asText("0");
        // Argo CD reads Helm's hook annotations too, and would merge their delete policy in.
        annotations.remove(Keys.HELM_HOOK);
        annotations.remove(Keys.HELM_HOOK_WEIGHT);
        annotations.remove(Keys.HELM_HOOK_DELETE_POLICY);
        annotations.put(ARGOCD_HOOK, phase);
        annotations.put(ARGOCD_HOOK_DELETE_POLICY, ARGOCD_DELETE_ONLY_FAILED);
        annotations.put(ARGOCD_SYNC_WAVE, weight);
        // A finished Job removed by its TTL would be created, and run, again by the next sync.
        job.withObjectProperty("spec").remove("ttlSecondsAfterFinished");
        return Optional.empty();
    }

    private static String inexpressible(ObjectNode job, String hook) {
        String name = job.path("metadata").path("name").asText("");
        String component = job.path("metadata").path("labels").path(Keys.COMPONENT).asText("");
        String fix = Keys.COMPONENT_SEED.equals(component)
                ? Keys.SEED_WHEN + ": write \"always\" (the seed then runs once per migration revision, after it)"
                : Keys.COMPONENT_MIGRATIONS.equals(component) ? Keys.WHEN + ": write \"pre\" or \"post\""
                : "run it on both install and upgrade, before or after the sync";
        return "hookwright: Job " + name + " runs on \"" + hook + "\", which Argo CD cannot express: its syncs do "
                + "not tell an install from an upgrade; " + fix;
    }
}
