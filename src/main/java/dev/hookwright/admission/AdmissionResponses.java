package dev.hookwright.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The only place an AdmissionReview response is built: {@code allowed}, {@code denied},
 * {@code patched} and {@code errored}, each echoing the request's uid.
 */
public final class AdmissionResponses {
    private AdmissionResponses() {
    }

    public static ObjectNode allowed(String uid, List<String> warnings) {
        return review(response(uid, true, warnings));
    }

    public static ObjectNode denied(String uid, int code, String message, List<String> warnings) {
        ObjectNode response = response(uid, false, warnings);
        status(response, code, message);
        return review(response);
    }

    /** An allowed answer with a JSON Patch; an empty patch is a plain allow (no {@code patchType}). */
    public static ObjectNode patched(String uid, JsonNode patch, List<String> warnings) {
        if (patch == null || patch.isEmpty()) {
            return allowed(uid, warnings);
        }
        ObjectNode response = response(uid, true, warnings);
        byte[] json = patch.toString().getBytes(StandardCharsets.UTF_8);
        response.put("patchType", "JSONPatch");
        response.put("patch", Base64.getEncoder().encodeToString(json));
        return review(response);
    }

    /** hookwright could not decide; the API server applies the webhook's failurePolicy. */
    public static ObjectNode errored(String uid, int code, String message) {
        return denied(uid, code, message, List.of());
    }

    /** Adds {@code auditAnnotations} to a built review. */
    public static ObjectNode withAuditAnnotations(ObjectNode review, Map<String, String> annotations) {
        if (!annotations.isEmpty()) {
            ObjectNode audit = ((ObjectNode) review.get("response")).putObject("auditAnnotations");
            annotations.forEach(audit::put);
        }
        return review;
    }

    private static ObjectNode response(String uid, boolean allowed, List<String> warnings) {
        ObjectNode response = Json.mapper().createObjectNode();
        response.put("uid", uid);
        response.put("allowed", allowed);
        if (!warnings.isEmpty()) {
            ArrayNode array = response.putArray("warnings");
            warnings.forEach(array::add);
        }
        return response;
    }

    private static void status(ObjectNode response, int code, String message) {
        ObjectNode status = response.putObject("status");
        status.put("code", code);
        status.put("message", message);
    }

    private static ObjectNode review(ObjectNode response) {
        ObjectNode review = Json.mapper().createObjectNode();
        review.put("apiVersion", AdmissionReviewReader.API_VERSION);
        review.put("kind", "AdmissionReview");
        review.set("response", response);
        return review;
    }
}
