package dev.hookwright.web;

import dev.hookwright.admission.AdmissionEndpoint;
import dev.hookwright.config.Engine;
import dev.hookwright.admission.ErrorBodies;
import dev.hookwright.admission.PolicyHandler;
import dev.hookwright.admission.PolicyMode;
import dev.hookwright.core.Text;
import dev.hookwright.core.policy.Finding;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.EnumMap;
import java.util.Map;

/**
 * The policy webhook. The mode is the last path segment because a webhook path
 * can carry no query; each mode is its own endpoint, so decisions are counted per mode
 * ({@code webhook="validate-enforce"} …), and plain {@code /validate} is the configured default's.
 */
@Path("/validate")
public class PolicyResource {
    static final String FINDINGS_METRIC = "hookwright.policy.findings";
    private final Map<PolicyMode, AdmissionEndpoint> endpoints = new EnumMap<>(PolicyMode.class);
    private final PolicyMode defaultMode;

    @Inject
    public PolicyResource(Engine engine, PolicyMode defaultMode, MeterRegistry metrics) {
        this.defaultMode = defaultMode;
        for (PolicyMode mode : PolicyMode.values()) {
            PolicyHandler handler = new PolicyHandler(engine.policy(), mode, finding -> count(metrics, finding));
            endpoints.put(mode, new AdmissionEndpoint("validate-" + mode.segment(), handler, metrics));
        }
    }

    /** CPU-only and bounded by the body limit, so it stays on the event loop. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Response validate(byte[] body) {
        return Responses.json(endpoints.get(defaultMode).answer(body));
    }

    /** An unknown mode is a path that does not exist: 404, with the paths that do. */
    @POST
    @Path("{mode}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Response validate(@PathParam("mode") String mode, byte[] body) {
        return PolicyMode.parse(mode)
                .map(known -> Responses.json(endpoints.get(known).answer(body)))
                .orElseGet(() -> Responses.json(404, ErrorBodies.of(404, "no policy mode \""
                        + Text.shorten(mode, 35) + "\": POST to /validate/enforce, "
                        + "/validate/warn, /validate/off or /validate (the configured default)")));
    }

    private static void count(MeterRegistry metrics, Finding finding) {
        metrics.counter(FINDINGS_METRIC, "rule", finding.rule(), "severity", finding.severity().label()).increment();
    }
}
