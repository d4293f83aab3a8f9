package dev.hookwright.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Body → answer for one webhook: reads the review, runs the handler, counts the decision and
 * turns anything unexpected into an {@code errored} answer that keeps the uid, so no input
 * ever gets a stack trace.
 */
public final class AdmissionEndpoint {
    private static final Logger LOG = Logger.getLogger(AdmissionEndpoint.class);

    /** What goes back over HTTP: 200 with a review, or 400 with a message for a body that is not one. */
    public record Answer(int httpStatus, ObjectNode body) {
    }

    private final String webhook;
    private final AdmissionHandler handler;
    private final MeterRegistry metrics;

    public AdmissionEndpoint(String webhook, AdmissionHandler handler, MeterRegistry metrics) {
        this.webhook = webhook;
        this.handler = handler;
        this.metrics = metrics;
    }

    public Answer answer(byte[] body) {
        AdmissionRequest request;
        try {
            request = AdmissionReviewReader.read(body);
        } catch (BadReviewException e) {
            count("malformed");
            return new Answer(400, ErrorBodies.of(400, e.getMessage()));
        }
        ObjectNode review;
        try {
            review = handler.handle(request);
        } catch (IllegalArgumentException e) {
            LOG.infof("could not read %s: %s", request.describe(), e.getMessage());
            review = AdmissionResponses.errored(request.uid(), 400, "hookwright: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "failed on %s", request.describe());
            review = AdmissionResponses.errored(request.uid(), 500,
                    "hookwright: internal error on " + request.describe() + "; see the webhook's log");
        }
        count(decisionOf(review));
        return new Answer(200, review);
    }

    private static String decisionOf(ObjectNode review) {
        var response = review.path("response");
        if (!response.path("allowed").asBoolean()) {
            return response.path("status").path("code").asInt() == 403 ? "denied" : "errored";
        }
        return response.has("patch") ? "patched" : "allowed";
    }

    private void count(String decision) {
        metrics.counter("hookwright.admission.decisions", "webhook", webhook, "decision", decision).increment();
    }
}
