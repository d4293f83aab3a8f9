package dev.hookwright.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The container of the pod template whose image, environment and mounts a migration reuses:
 * the one named by {@code hookwright.dev/container}, else the first. A {@code null} element (a
 * damaged request) is no container: it is never reused, and a {@code null} first one means none.
 */
public final class ReusedContainer {
    private ReusedContainer() {
    }

    /** @param name the value of {@code hookwright.dev/container}, empty when absent */
    public static Optional<Container> of(PodTemplateSpec template, Optional<String> name) {
        return pick(containers(template), Container::getName, name);
    }

    /** The same choice on a Deployment as the API server sent it. */
    public static Optional<JsonNode> of(JsonNode rawDeployment) {
        JsonNode named = rawDeployment.path("metadata").path("annotations").path(Keys.CONTAINER);
        Optional<String> name = Optional.of(named).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .filter(text -> !text.isEmpty());
        List<JsonNode> containers = new ArrayList<>();
        rawDeployment.path("spec").path("template").path("spec").path("containers").elements()
                .forEachRemaining(container -> containers.add(container.isNull() ? null : container));
        return pick(containers, container -> container.path("name").asText(null), name);
    }

    /** The names of the template's containers, for a message that says what to write. */
    public static List<String> names(PodTemplateSpec template) {
        return containers(template).stream().filter(Objects::nonNull).map(Container::getName).toList();
    }

    private static <C> Optional<C> pick(List<C> containers, Function<C, String> nameOf, Optional<String> name) {
        return name.isPresent()
                ? containers.stream().filter(c -> c != null && name.get().equals(nameOf.apply(c))).findFirst()
                : containers.stream().limit(1).filter(Objects::nonNull).findFirst();
    }

    private static List<Container> containers(PodTemplateSpec template) {
        return template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                ? List.of() : template.getSpec().getContainers();
    }
}
