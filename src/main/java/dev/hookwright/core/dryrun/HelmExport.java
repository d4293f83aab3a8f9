package dev.hookwright.core.dryrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.Comparator;
import java.util.List;

/**
 * The synthesized Jobs as a YAML stream to drop into a chart's {@code templates/}: ordered by
 * hook weight, and labelled {@code app.kubernetes.io/managed-by: Helm}, since from then on Helm
 * runs them. The namespace is left out so Helm puts them in the release's namespace.
 */
public final class HelmExport {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private HelmExport() {
    }

    public static String yaml(Report report) {
        List<Job> jobs = report.jobs().stream()
                .sorted(Comparator.comparingInt(HelmExport::weight))
                .toList();
        StringBuilder stream = new StringBuilder();
        for (Job job : jobs) {
            stream.append(document(forHelm(job)));
        }
        return stream.toString();
    }

    /** One object as a YAML document ({@code ---} first), written as the export writes every Job. */
    public static String document(ObjectNode object) {
        try {
            return YAML.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    /** The Job as a tree, as Helm will own it: managed-by Helm, no namespace. */
    public static ObjectNode forHelm(Job job) {
        ObjectNode tree = Json.mapper().valueToTree(job);
        ObjectNode metadata = (ObjectNode) tree.get("metadata");
        metadata.remove("namespace");
        metadata.withObjectProperty("labels").put(Keys.MANAGED_BY, Keys.MANAGED_BY_HELM);
        tree.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("metadata")
                .withObjectProperty("labels").put(Keys.MANAGED_BY, Keys.MANAGED_BY_HELM);
        return tree;
    }

    private static int weight(Job job) {
        try {
            return Integer.parseInt(job.getMetadata().getAnnotations().getOrDefault(Keys.HELM_HOOK_WEIGHT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
