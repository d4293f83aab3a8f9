package dev.hookwright.core.helm;

/** Where a release name came from, in order of precedence (docs/reference.md, Release). */
public enum ReleaseSource {
    HOOKWRIGHT_ANNOTATION("annotation hookwright.dev/release"),
    HELM_ANNOTATION("annotation meta.helm.sh/release-name"),
    PARAMETER("the release parameter"),
    INSTANCE_LABEL("label app.kubernetes.io/instance");

    private final String description;

    ReleaseSource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
