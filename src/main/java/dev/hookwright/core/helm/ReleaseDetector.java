package dev.hookwright.core.helm;

import dev.hookwright.core.Keys;

import java.util.Map;
import java.util.Optional;

/**
 * Finds the Helm release of an object, first match wins: annotation
 * {@code hookwright.dev/release}, annotation {@code meta.helm.sh/release-name}, the dry run's
 * {@code release} parameter, then label {@code app.kubernetes.io/instance}. Blank values of
 * Helm's marks count as absent; validity is the caller's check, so a bad name is denied rather
 * than silently passed over for a lower source.
 */
public final class ReleaseDetector {
    private ReleaseDetector() {
    }

    public static Optional<Release> detect(Map<String, String> annotations, Map<String, String> labels,
            Optional<String> parameter) {
        if (annotations.containsKey(Keys.RELEASE)) {
            // An explicit choice, even an empty one, is never passed over.
            return Optional.of(new Release(annotations.get(Keys.RELEASE), ReleaseSource.HOOKWRIGHT_ANNOTATION));
        }
        return nonBlank(annotations.get(Keys.HELM_RELEASE_NAME)).map(r -> new Release(r, ReleaseSource.HELM_ANNOTATION))
                .or(() -> parameter.flatMap(ReleaseDetector::nonBlank).map(r -> new Release(r, ReleaseSource.PARAMETER)))
                .or(() -> nonBlank(labels.get(Keys.INSTANCE)).map(r -> new Release(r, ReleaseSource.INSTANCE_LABEL)));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
