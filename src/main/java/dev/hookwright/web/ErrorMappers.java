package dev.hookwright.web;

import dev.hookwright.admission.ErrorBodies;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Transport errors as a JSON message; never a stack trace in a response. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return Responses.json(status, ErrorBodies.of(status, reason == null ? "HTTP " + status : reason));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return Responses.json(500, ErrorBodies.of(500, "internal error; see the webhook's log"));
    }
}
