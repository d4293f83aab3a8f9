package dev.hookwright.web;

import dev.hookwright.admission.AdmissionEndpoint;
import dev.hookwright.admission.InjectionHandler;
import dev.hookwright.config.Engine;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The admission webhooks. Thin on purpose: bytes in, bytes out; the admission package decides.
 * The API server appends {@code ?timeout=10s}; unknown query parameters are ignored.
 */
@Path("/")
public class AdmissionResource {
    private final AdmissionEndpoint mutate;

    @Inject
    public AdmissionResource(Engine engine, MeterRegistry metrics) {
        this.mutate = new AdmissionEndpoint("mutate", new InjectionHandler(engine.decider()), metrics);
    }

    /** CPU-only and bounded by the body limit, so it stays on the event loop. */
    @POST
    @Path("mutate")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Response mutate(byte[] body) {
        return Responses.json(mutate.answer(body));
    }
}
