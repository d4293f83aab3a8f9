package dev.hookwright.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeMap;

/**
 * The only place an AdmissionReview response is built: an {@link AdmissionResult} and the
 * request's uid in, the {@code admission.k8s.io/v1} wire form out.
 */
public final class AdmissionResponses {
    /** The status code of a {@link AdmissionResult.Denied} answer. */
    public static final int DENIED_CODE = 403;

    private AdmissionResponses() {
    }

    public static ObjectNode review(String uid, AdmissionResult result) {
        ObjectNode response = Json.mapper().createObjectNode();
        response.put("uid", uid);
        response.put("allowed", result instanceof AdmissionResult.Allowed || result instanceof AdmissionResult.Patched);
        if (!result.notes().warnings().isEmpty()) {
            ArrayNode array = response.putArray("warnings");
            result.notes().warnings().forEach(array::add);
        }
        if (result instanceof AdmissionResult.Patched patched) {
            byte[] json = patched.patch().toString().getBytes(StandardCharsets.UTF_8);
            response.put("patchType", "JSONPatch");
            response.put("patch", Base64.getEncoder().encodeToString(json));
        } else if (result instanceof AdmissionResult.Denied denied) {
            status(response, DENIED_CODE, denied.message());
        } else if (result instanceof AdmissionResult.Errored errored) {
            status(response, errored.code(), errored.message());
        }
        if (!result.notes().auditAnnotations().isEmpty()) {
            ObjectNode audit = response.putObject("auditAnnotations");
            // Sorted, so the same answer is always the same bytes.
            new TreeMap<>(result.notes().auditAnnotations()).forEach(audit::put);
        }
        ObjectNode review = Json.mapper().createObjectNode();
        review.put("apiVersion", AdmissionReviewReader.API_VERSION);
        review.put("kind", "AdmissionReview");
        review.set("response", response);
        return review;
    }

    private static void status(ObjectNode response, int code, String message) {
        ObjectNode status = response.putObject("status");
        status.put("code", code);
        status.put("message", message);
    }

}
