package dev.hookwright.admission;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Text;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Bytes → {@link AdmissionRequest}, or a {@link BadReviewException} that says what is wrong.
 * Every field hookwright reads must have the JSON type the API server sends: a numeric
 * {@code uid} or {@code labels} written as a list is refused, never coerced into an answer.
 */
public final class AdmissionReviewReader {
    public static final String API_VERSION = "admission.k8s.io/v1";
    private static final int MAX_SHOWN = 67;

    private AdmissionReviewReader() {
    }

    public static AdmissionRequest read(byte[] body) {
        return read(parse(body));
    }

    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadReviewException("empty body: expected an " + API_VERSION + " AdmissionReview");
        }
        try {
            JsonNode review = Json.mapper().readTree(body);
            if (review == null || review.isMissingNode()) {
                throw new BadReviewException("empty body: expected an " + API_VERSION + " AdmissionReview");
            }
            return review;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadReviewException("malformed JSON" + where + ": " + Json.readableMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadReviewException("unreadable body: " + e.getMessage());
        }
    }

    public static AdmissionRequest read(JsonNode review) {
        if (!review.isObject()) {
            throw new BadReviewException("expected an " + API_VERSION + " AdmissionReview object, got "
                    + typeOf(review));
        }
        String apiVersion = review.path("apiVersion").asText("");
        String kind = review.path("kind").asText("");
        if (!API_VERSION.equals(apiVersion) || !"AdmissionReview".equals(kind)) {
            throw new BadReviewException("expected apiVersion " + API_VERSION + " and kind AdmissionReview, got "
                    + quoted(apiVersion) + " and " + quoted(kind) + "; register the webhook with "
                    + "admissionReviewVersions: [v1]");
        }
        JsonNode request = review.get("request");
        if (request == null || !request.isObject()) {
            throw new BadReviewException("AdmissionReview has no request object");
        }
        String uid = text(request, "uid", "request.uid");
        if (uid.isEmpty()) {
            throw new BadReviewException("AdmissionReview request has no uid");
        }
        JsonNode gvk = object(request, "kind", "request.kind");
        Optional<ObjectNode> object = kubernetesObject(request, "object");
        return new AdmissionRequest(
                uid,
                text(gvk, "group", "request.kind.group"),
                text(gvk, "version", "request.kind.version"),
                text(gvk, "kind", "request.kind.kind"),
                text(request, "operation", "request.operation"),
                text(request, "namespace", "request.namespace"),
                AdmissionRequest.nameOf(text(request, "name", "request.name"), object),
                object,
                kubernetesObject(request, "oldObject"),
                bool(request, "dryRun", "request.dryRun"));
    }

    /** An object of the request, with the metadata hookwright reads checked for its JSON types. */
    private static Optional<ObjectNode> kubernetesObject(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new BadReviewException("request." + field + " must be a JSON object, not " + typeOf(node));
        }
        String at = "request." + field + ".metadata";
        JsonNode metadata = object(node, "metadata", at);
        for (String name : new String[] {"name", "generateName", "namespace"}) {
            text(metadata, name, at + "." + name);
        }
        stringMap(metadata, "labels", at + ".labels");
        stringMap(metadata, "annotations", at + ".annotations");
        return Optional.of((ObjectNode) node);
    }

    /** A string field; absent or null reads as "". */
    private static String text(JsonNode parent, String field, String path) {
        return typed(parent, field, path, "", JsonNode::isTextual, "a string", JsonNode::textValue);
    }

    private static boolean bool(JsonNode parent, String field, String path) {
        return typed(parent, field, path, false, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    /** A field of one JSON type: its value, {@code absent} when missing or null, else a 400 naming it. */
    private static <T> T typed(JsonNode parent, String field, String path, T absent, Predicate<JsonNode> isExpected,
            String expected, Function<JsonNode, T> value) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!isExpected.test(node)) {
            throw wrongType(path, expected, node);
        }
        return value.apply(node);
    }

    /** An object field; absent or null reads as an empty object, so callers can read on. */
    private static JsonNode object(JsonNode parent, String field, String path) {
        return typed(parent, field, path, Json.mapper().createObjectNode(), JsonNode::isObject, "a JSON object",
                node -> node);
    }

    /** Kubernetes' {@code map[string]string}; a null value reads as absent, as the API server's decoder does. */
    private static void stringMap(JsonNode parent, String field, String path) {
        JsonNode map = object(parent, field, path);
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) map::fields) {
            JsonNode value = entry.getValue();
            if (!value.isTextual() && !value.isNull()) {
                throw wrongType(path + "[" + quoted(entry.getKey()) + "]", "a string", value);
            }
        }
    }

    private static BadReviewException wrongType(String path, String expected, JsonNode found) {
        return new BadReviewException(path + " must be " + expected + ", not " + typeOf(found)
                + (found.isValueNode() ? " " + Text.shorten(found.toString(), MAX_SHOWN) : ""));
    }

    private static String typeOf(JsonNode node) {
        return "JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String quoted(String text) {
        return text.isEmpty() ? "nothing" : "\"" + Text.shorten(text, MAX_SHOWN) + "\"";
    }
}
