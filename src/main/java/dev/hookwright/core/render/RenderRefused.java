package dev.hookwright.core.render;

import java.util.List;

/**
 * The stream cannot be rendered as asked: a bad value, two opted-in Deployments of one release,
 * no release found, or a hook the dialect cannot express. Nothing may be written then: Helm
 * (or Argo CD) must fail before anything is applied. Each reason is one line for standard error.
 */
public final class RenderRefused extends RuntimeException {
    private final List<String> reasons;

    public RenderRefused(List<String> reasons) {
        super(String.join("\n", reasons), null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
