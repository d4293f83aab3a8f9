package dev.hookwright.admission;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What a handler decided, free of the wire format: only {@link AdmissionResponses#review} turns
 * it into an AdmissionReview. Every kind carries {@link Notes}: warnings (shown by kubectl and
 * Helm) and audit annotations (kept in the API server's audit log).
 */
public sealed interface AdmissionResult {

    /** What any answer may carry besides its decision. */
    record Notes(List<String> warnings, Map<String, String> auditAnnotations) {
        public static final Notes NONE = new Notes(List.of(), Map.of());

        public Notes {
            warnings = List.copyOf(warnings);
            auditAnnotations = Map.copyOf(auditAnnotations);
        }
    }

    Notes notes();

    /** The same decision with other notes. */
    AdmissionResult with(Notes notes);

    /** The label the {@code hookwright.admission.decisions} counter uses for this kind of answer. */
    String decision();

    /** Admitted as sent. */
    record Allowed(Notes notes) implements AdmissionResult {
        public String decision() {
            return "allowed";
        }

        public AdmissionResult with(Notes other) {
            return new Allowed(other);
        }
    }

    /** Admitted with an RFC 6902 JSON Patch that is never empty (see {@link #patched}). */
    record Patched(JsonNode patch, Notes notes) implements AdmissionResult {
        public Patched {
            if (patch == null || !patch.isArray() || patch.isEmpty()) {
                throw new IllegalArgumentException("a Patched answer needs a non-empty JSON Patch array");
            }
        }

        public String decision() {
            return "patched";
        }

        public AdmissionResult with(Notes other) {
            return new Patched(patch, other);
        }
    }

    /** Refused for what the object says: the user's to fix; written with code 403. */
    record Denied(String message, Notes notes) implements AdmissionResult {
        public String decision() {
            return "denied";
        }

        public AdmissionResult with(Notes other) {
            return new Denied(message, other);
        }
    }

    /**
     * hookwright could not decide: 400 for an object it cannot read, 500 for its own fault. The
     * API server then applies the webhook's {@code failurePolicy}.
     */
    record Errored(int code, String message, Notes notes) implements AdmissionResult {
        public String decision() {
            return "errored";
        }

        public AdmissionResult with(Notes other) {
            return new Errored(code, message, other);
        }
    }

    static AdmissionResult allowed() {
        return new Allowed(Notes.NONE);
    }

    static AdmissionResult allowed(List<String> warnings) {
        return new Allowed(new Notes(warnings, Map.of()));
    }

    /** A patch that changes nothing is a plain allow: the API server rejects a patchType without a patch. */
    static AdmissionResult patched(JsonNode patch, List<String> warnings) {
        return patch == null || patch.isEmpty() ? allowed(warnings) : new Patched(patch, new Notes(warnings, Map.of()));
    }

    static AdmissionResult denied(String message, List<String> warnings) {
        return new Denied(message, new Notes(warnings, Map.of()));
    }

    static AdmissionResult errored(int code, String message) {
        return new Errored(code, message, Notes.NONE);
    }

    /** The same answer with audit annotations added. */
    default AdmissionResult withAuditAnnotations(Map<String, String> annotations) {
        return annotations.isEmpty() ? this : with(new Notes(notes().warnings(), annotations));
    }
}
