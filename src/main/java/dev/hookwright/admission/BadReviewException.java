package dev.hookwright.admission;

/** A request body that is not an {@code admission.k8s.io/v1} AdmissionReview: answered with 400. */
public final class BadReviewException extends RuntimeException {
    public BadReviewException(String message) {
        super(message, null, false, false);
    }
}
