package dev.hookwright.core.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an installation fills in when a Deployment's annotations say nothing, and
 * the pod annotations that keep sidecars from holding a Job open.
 *
 * @param command                  default migration command; none means the annotation is required
 * @param backoffLimit             default {@code spec.backoffLimit}
 * @param activeDeadlineSeconds    default {@code spec.activeDeadlineSeconds}
 * @param ttlSecondsAfterFinished  default {@code spec.ttlSecondsAfterFinished}
 * @param limits                   the policy maxima
 * @param sidecarAnnotations       set on every migration pod (mesh sidecars off)
 * @param vaultPrePopulateOnly     set Vault's agent to pre-populate only where Vault injection is asked for
 */
public record MigrationDefaults(
        Optional<List<String>> command,
        int backoffLimit,
        int activeDeadlineSeconds,
        int ttlSecondsAfterFinished,
        Limits limits,
        Map<String, String> sidecarAnnotations,
        boolean vaultPrePopulateOnly) {

    public static final Map<String, String> SHIPPED_SIDECAR_ANNOTATIONS = Map.of(
            "sidecar.istio.io/inject", "false",
            "linkerd.io/inject", "disabled");

    /** The shipped defaults: no default command. */
    public static final MigrationDefaults SHIPPED = new MigrationDefaults(
            Optional.empty(), 0, 300, 300, Limits.SHIPPED, SHIPPED_SIDECAR_ANNOTATIONS, true);

    public MigrationDefaults {
        command = command.map(List::copyOf);
        sidecarAnnotations = Map.copyOf(sidecarAnnotations);
    }

    public MigrationDefaults withCommand(List<String> defaultCommand) {
        return new MigrationDefaults(Optional.of(defaultCommand), backoffLimit, activeDeadlineSeconds,
                ttlSecondsAfterFinished, limits, sidecarAnnotations, vaultPrePopulateOnly);
    }
}
