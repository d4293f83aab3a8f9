package dev.hookwright.admission;

/**
 * Decides one admission request. Returns what it decided, never the wire form: the endpoint
 * alone writes the AdmissionReview. An object it cannot read is an
 * {@link dev.hookwright.core.UnreadableObjectException}; any other exception is a bug.
 */
@FunctionalInterface
public interface AdmissionHandler {
    AdmissionResult handle(AdmissionRequest request);
}
