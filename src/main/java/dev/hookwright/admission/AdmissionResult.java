package dev.hookwright.admission;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What a handler decided, free of the wire format: only {@link AdmissionResponses#review} turns
 * it into an AdmissionReview. Every kind carries warnings (shown to the user by kubectl and Helm)
 * and audit annotations (kept in the API server's audit log).
 */
public sealed interface AdmissionResult {

    List<String> warnings();

    Map<String, String> auditAnnotations();

    /** The label the {@code hookwright.admission.decisions} counter uses for this kind of answer. */
    String decision();

    /** Admitted as sent. */
    record Allowed(List<String> warnings, Map<String, String> auditAnnotations) implements AdmissionResult {
        public Allowed {
            warnings = List.copyOf(warnings);
            auditAnnotations = Map.copyOf(auditAnnotations);
        }

        @Override
        public String decision() {
            return "allowed";
        }
    }

    /** Admitted with an RFC 6902 JSON Patch that is never empty (see {@link #patched}). */
    record Patched(JsonNode patch, List<String> warnings, Map<String, String> auditAnnotations)
            implements AdmissionResult {
        public Patched {
            if (patch == null || !patch.isArray() || patch.isEmpty()) {
                throw new IllegalArgumentException("a Patched answer needs a non-empty JSON Patch array");
            }
            warnings = List.copyOf(warnings);
            auditAnnotations = Map.copyOf(auditAnnotations);
        }

        @Override
        public String decision() {
            return "patched";
        }
    }

    /** Refused for what the object says: the user's to fix; answered with code 403. */
    record Denied(String message, List<String> warnings, Map<String, String> auditAnnotations)
            implements AdmissionResult {
        public Denied {
            warnings = List.copyOf(warnings);
            auditAnnotations = Map.copyOf(auditAnnotations);
        }

        @Override
        public String decision() {
            return "denied";
        }
    }

    /**
     * hookwright could not decide: 400 for an object it cannot read, 500 for its own fault. The
     * API server then applies the webhook's {@code failurePolicy}.
     */
    record Errored(int code, String message, List<String> warnings, Map<String, String> auditAnnotations)
            implements AdmissionResult {
        public Errored {
            warnings = List.copyOf(warnings);
            auditAnnotations = Map.copyOf(auditAnnotations);
        }

        @Override
        public String decision() {
            return "errored";
        }
    }

    static AdmissionResult allowed() {
        return new Allowed(List.of(), Map.of());
    }

    static AdmissionResult allowed(List<String> warnings) {
        return new Allowed(warnings, Map.of());
    }

    /** A patch that changes nothing is a plain allow: the API server rejects a patchType without a patch. */
    static AdmissionResult patched(JsonNode patch, List<String> warnings) {
        return patch == null || patch.isEmpty() ? allowed(warnings) : new Patched(patch, warnings, Map.of());
    }

    static AdmissionResult denied(String message, List<String> warnings) {
        return new Denied(message, warnings, Map.of());
    }

    static AdmissionResult errored(int code, String message) {
        return new Errored(code, message, List.of(), Map.of());
    }

    /** The same answer with audit annotations added. */
    default AdmissionResult withAuditAnnotations(Map<String, String> annotations) {
        if (annotations.isEmpty()) {
            return this;
        }
        if (this instanceof Allowed allowed) {
            return new Allowed(allowed.warnings(), annotations);
        }
        if (this instanceof Patched patched) {
            return new Patched(patched.patch(), patched.warnings(), annotations);
        }
        if (this instanceof Denied denied) {
            return new Denied(denied.message(), denied.warnings(), annotations);
        }
        Errored errored = (Errored) this;
        return new Errored(errored.code(), errored.message(), errored.warnings(), annotations);
    }
}
