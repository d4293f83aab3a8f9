package dev.hookwright.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Answers one admission request with a complete AdmissionReview (see {@link AdmissionResponses}). */
@FunctionalInterface
public interface AdmissionHandler {
    ObjectNode handle(AdmissionRequest request);
}
