package dev.hookwright.core.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hookwright.core.InputLimits;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.hookwright.core.Json;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code helm template} prints — one or many YAML documents with comments, {@code ---}
 * separators and empty documents — or JSON (one object, a {@code List}, an AdmissionReview) into
 * Kubernetes objects. Anything else is a {@link ManifestException} with a line and column: an
 * empty stream too, since empty {@code helm template} output means the pipeline broke.
 */
public final class ManifestReader {
    /**
     * Alias expansion is how a few bytes of YAML become gigabytes. Jackson's YAML parser does
     * not expand aliases into the tree; the limit guards the parser itself.
     */
    private static final int MAX_ALIASES = 50;
    private static final int MAX_NESTING = 200;
    private static final YAMLMapper YAML = yamlMapper();

    private ManifestReader() {
    }

    public static List<Manifest> read(byte[] body) {
        String text = utf8(body);
        String trimmed = text.stripLeading();
        List<Manifest> manifests = new ArrayList<>();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            readJson(text, manifests);
        } else {
            readYaml(text, manifests);
        }
        if (manifests.isEmpty()) {
            throw new ManifestException(0, 0, "the stream holds no Kubernetes object; empty `helm template` output "
                    + "means the pipeline broke, not that all is well");
        }
        return manifests;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(0, 0, "the body is not UTF-8 text: expected YAML or JSON manifests");
        }
    }

    private static void readJson(String text, List<Manifest> manifests) {
        try (JsonParser parser = Json.mapper().createParser(text)) {
            JsonNode root = Json.mapper().readTree(parser);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ManifestException(at.getLineNr(), at.getColumnNr(),
                        "more than one JSON value; send one object, a List or YAML documents");
            }
            add(root, 1, manifests);
        } catch (JsonProcessingException e) {
            throw located(e);
        } catch (IOException e) {
            throw new ManifestException(0, 0, "unreadable body: " + e.getMessage());
        }
    }

    private static void readYaml(String text, List<Manifest> manifests) {
        try (JsonParser parser = YAML.createParser(text);
             MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(parser)) {
            while (documents.hasNextValue()) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode document = documents.nextValue();
                add(document, line, manifests);
            }
        } catch (JsonProcessingException e) {
            throw located(e);
        } catch (IOException e) {
            throw new ManifestException(0, 0, "unreadable body: " + e.getMessage());
        } catch (ManifestException e) {
            throw e;
        } catch (RuntimeException e) {
            // The YAML parser reports some limits (aliases, nesting) as unchecked exceptions.
            throw new ManifestException(0, 0, "unreadable YAML: " + Json.readableMessage(e.getMessage()));
        }
    }

    /** Expands a List and an AdmissionReview; skips empty documents; refuses anything that is not an object. */
    private static void add(JsonNode document, int line, List<Manifest> manifests) {
        // An empty document (`---` followed by nothing but comments) reads as null or "".
        if (document == null || document.isNull() || document.isMissingNode()
                || (document.isTextual() && document.asText().isBlank())) {
            return;
        }
        if (!document.isObject()) {
            throw new ManifestException(line, 1, "the document is a " + document.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT) + ", not a Kubernetes object");
        }
        String kind = document.path("kind").asText("");
        JsonNode items = document.path("items");
        if (kind.endsWith("List") && items.isArray() || "List".equals(kind) && (items.isNull() || items.isMissingNode())) {
            // `items:` left empty by a template is an empty List, not an object to report.
            for (JsonNode item : items) {
                add(item, line, manifests);
            }
            return;
        }
        if ("AdmissionReview".equals(kind)) {
            JsonNode object = document.path("request").path("object");
            if (!object.isObject()) {
                throw new ManifestException(line, 1, "the AdmissionReview has no request.object");
            }
            ObjectNode copy = ((ObjectNode) object).deepCopy();
            String namespace = document.path("request").path("namespace").asText("");
            if (!namespace.isEmpty() && copy.path("metadata").path("namespace").asText("").isEmpty()) {
                copy.withObjectProperty("metadata").put("namespace", namespace);
            }
            add(copy, line, manifests);
            return;
        }
        if (document.path("apiVersion").asText("").isEmpty() || kind.isEmpty()) {
            throw new ManifestException(line, 1, "the document is not a Kubernetes object: it needs apiVersion and kind");
        }
        manifests.add(new Manifest((ObjectNode) document, line));
    }

    private static ManifestException located(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String reason = Json.readableMessage(e.getOriginalMessage());
        return at == null ? new ManifestException(0, 0, reason)
                : new ManifestException(at.getLineNr(), at.getColumnNr(), reason);
    }

    private static YAMLMapper yamlMapper() {
        LoaderOptions options = new LoaderOptions();
        // Bounded like the body limit: a stream may be up to that many characters of text.
        options.setCodePointLimit(InputLimits.MAX_INPUT_BYTES);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowDuplicateKeys(false);
        // A plain empty value (`annotations:`, `backoffLimit:`) is YAML null, as `~` and `null` are:
        // unset, never "". The factory builder leaves this off; a quoted "" still reads as a string.
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(options)
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build());
    }
}
