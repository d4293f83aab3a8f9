package dev.hookwright.admission;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;

import java.io.IOException;
import java.util.Optional;

/** Bytes → {@link AdmissionRequest}, or a {@link BadReviewException} that says what is wrong. */
public final class AdmissionReviewReader {
    public static final String API_VERSION = "admission.k8s.io/v1";

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
            throw new BadReviewException("malformed JSON" + where + ": " + withoutSource(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadReviewException("unreadable body: " + e.getMessage());
        }
    }

    public static AdmissionRequest read(JsonNode review) {
        if (!review.isObject()) {
            throw new BadReviewException("expected an " + API_VERSION + " AdmissionReview object, got JSON "
                    + review.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
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
        String uid = request.path("uid").asText("");
        if (uid.isEmpty()) {
            throw new BadReviewException("AdmissionReview request has no uid");
        }
        JsonNode gvk = request.path("kind");
        Optional<ObjectNode> object = objectField(request, "object");
        return new AdmissionRequest(
                uid,
                gvk.path("group").asText(""),
                gvk.path("version").asText(""),
                gvk.path("kind").asText(""),
                request.path("operation").asText(""),
                request.path("namespace").asText(""),
                AdmissionRequest.nameOf(request, object),
                object,
                objectField(request, "oldObject"),
                request.path("dryRun").asBoolean(false));
    }

    private static Optional<ObjectNode> objectField(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new BadReviewException("request." + field + " must be a JSON object");
        }
        return Optional.of((ObjectNode) node);
    }

    /** Jackson's messages end in a description of the input source, which means nothing to a caller. */
    private static String withoutSource(String message) {
        int source = message == null ? -1 : message.indexOf(" (start marker at [Source");
        return source < 0 ? String.valueOf(message) : message.substring(0, source);
    }

    private static String quoted(String text) {
        return text.isEmpty() ? "nothing" : "\"" + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "\"";
    }
}
