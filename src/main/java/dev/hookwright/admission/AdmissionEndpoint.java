package dev.hookwright.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.UnreadableObjectException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Body → answer for one webhook: reads the review, runs the handler, counts the decision and
 * writes the wire form. The only translations of failures live here: a body that is no review
 * is a 400 without a review; an object the handler cannot read is an errored review with code
 * 400; anything else is hookwright's fault, an errored review with code 500. Each keeps the uid,
 * and no answer ever carries a stack trace.
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
        AdmissionResult result = decide(request);
        count(result.decision());
        return new Answer(200, AdmissionResponses.review(request.uid(), result));
    }

    private AdmissionResult decide(AdmissionRequest request) {
        try {
            return handler.handle(request);
        } catch (UnreadableObjectException e) {
            LOG.infof("could not read %s: %s", request.describe(), e.getMessage());
            return AdmissionResult.errored(400, "hookwright: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "failed on %s", request.describe());
            return AdmissionResult.errored(500,
                    "hookwright: internal error on " + request.describe() + "; see the webhook's log");
        }
    }

    private void count(String decision) {
        metrics.counter("hookwright.admission.decisions", "webhook", webhook, "decision", decision).increment();
    }
}
