package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code deploy/helm/hookwright} with a real Helm (helm-java runs Helm's Go code
 * in-process), as {@code helm template hookwright deploy/helm/hookwright -n hookwright} would.
 */
public final class Chart {
    public static final Path DIR = Path.of("deploy", "helm", "hookwright");
    /** The values {@code deploy/manifests/hookwright.yaml} is rendered with. */
    public static final Path PLAIN_MANIFEST_VALUES = Path.of("deploy", "helm", "values-plain-manifests.yaml");
    public static final String RELEASE = "hookwright";
    public static final String NAMESPACE = "hookwright";
    /** The version the test schemas describe; helm-java's own default (1.20) is older than the chart allows. */
    public static final String KUBE_VERSION = "1.36.0";
    private static final YAMLMapper YAML = new YAMLMapper();

    private Chart() {
    }

    /** The chart with default values and {@code values} on top, as {@code --set key=value}. */
    public static Rendered render(Map<String, String> values) {
        return Rendered.parse(template(KUBE_VERSION, values));
    }

    public static Rendered render(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return render(values);
    }

    public static String template(String kubeVersion, Map<String, String> values) {
        TemplateCommand command = command(kubeVersion);
        for (Map.Entry<String, String> value : values.entrySet()) {
            command = command.set(value.getKey(), value.getValue());
        }
        return command.call();
    }

    /** What {@code make manifests} writes to {@code deploy/manifests/hookwright.yaml}. */
    public static String plainManifests() {
        return command(KUBE_VERSION).withValuesFile(PLAIN_MANIFEST_VALUES).call();
    }

    private static TemplateCommand command(String kubeVersion) {
        return new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(kubeVersion);
    }

    /** The objects of a rendered YAML stream. */
    public record Rendered(List<JsonNode> objects) {
        static Rendered parse(String stream) {
            List<JsonNode> objects = new ArrayList<>();
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(stream)) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null && document.isObject() && !document.isEmpty()) {
                        objects.add(document);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the chart rendered YAML that does not parse", e);
            }
            return new Rendered(List.copyOf(objects));
        }

        public List<JsonNode> all(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        /** The one object of {@code kind}; fails when there is none or more than one. */
        public JsonNode one(String kind) {
            List<JsonNode> found = all(kind);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + kind + ", rendered " + found.size());
            }
            return found.get(0);
        }

        public List<String> kinds() {
            return objects.stream().map(o -> o.path("kind").asText()).sorted().toList();
        }
    }
}
