package dev.hookwright.core.settings;

import java.util.Map;

/**
 * {@code hookwright.dev/resources}: the migration container's requests and limits, each a map of
 * resource name to a Kubernetes quantity as written ({@code "500m"}, {@code "1Gi"}).
 */
public record ContainerResources(Map<String, String> requests, Map<String, String> limits) {
    public ContainerResources {
        requests = Map.copyOf(requests);
        limits = Map.copyOf(limits);
    }
}
