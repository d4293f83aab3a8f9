package dev.hookwright.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.admission.AdmissionEndpoint;
import dev.hookwright.admission.ErrorBodies;
import dev.hookwright.admission.InjectionHandler;
import dev.hookwright.admission.PolicyHandler;
import dev.hookwright.admission.PolicyMode;
import dev.hookwright.config.Engine;
import dev.hookwright.core.InputLimits;
import dev.hookwright.core.Json;
import dev.hookwright.core.Text;
import dev.hookwright.core.policy.Finding;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The admission webhooks, as plain HTTP routes: bytes in, bytes out, on the event loop (each
 * answer is CPU only and bounded by the body limit). They need nothing of a REST layer, which
 * cost about a sixth of a {@code /mutate} answer in a profile under load; the admission package
 * decides, this class only moves bytes. The API server appends {@code ?timeout=10s}; a query is
 * ignored.
 *
 * <ul>
 * <li>{@code POST /mutate}: the injecting webhook.</li>
 * <li>{@code POST /validate/{enforce|warn|off}}: the policy webhook in that mode (a webhook path
 * can carry no query, so the mode is the last segment; decisions are counted per mode), and
 * {@code POST /validate} in the configured default mode.</li>
 * </ul>
 *
 * Any other method on these paths is a 405 and an unknown mode a 404, each with a JSON message,
 * as every other error of the server.
 */
@ApplicationScoped
public class AdmissionRoutes {
    static final String FINDINGS_METRIC = "hookwright.policy.findings";
    private static final Logger LOG = Logger.getLogger(AdmissionRoutes.class);
    private static final String JSON = "application/json";

    private final AdmissionEndpoint mutate;
    private final Map<PolicyMode, AdmissionEndpoint> policy = new EnumMap<>(PolicyMode.class);
    private final PolicyMode defaultMode;

    @Inject
    public AdmissionRoutes(Engine engine, PolicyMode defaultMode, MeterRegistry metrics) {
        this.mutate = new AdmissionEndpoint("mutate", new InjectionHandler(engine.decider()), metrics);
        this.defaultMode = defaultMode;
        for (PolicyMode mode : PolicyMode.values()) {
            PolicyHandler handler = new PolicyHandler(engine.policy(), mode, finding -> count(metrics, finding));
            policy.put(mode, new AdmissionEndpoint("validate-" + mode.segment(), handler, metrics));
        }
    }

    void register(@Observes Router router) {
        // The same limit as quarkus.http.limits.max-body-size, for a body sent without a length.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(InputLimits.MAX_INPUT_BYTES);
        route(router, "/mutate", body, context -> Optional.of(mutate));
        route(router, "/validate", body, context -> Optional.of(policy.get(defaultMode)));
        route(router, "/validate/:mode", body,
                context -> PolicyMode.parse(context.pathParam("mode")).map(policy::get));
    }

    /** Picks the endpoint of a request; empty: no such path. */
    private interface Choice {
        Optional<AdmissionEndpoint> endpoint(RoutingContext context);
    }

    private static void route(Router router, String path, BodyHandler body, Choice choice) {
        router.post(path).handler(body).handler(context -> {
            Optional<AdmissionEndpoint> endpoint = choice.endpoint(context);
            if (endpoint.isEmpty()) {
                send(context, 404, ErrorBodies.of(404, "no policy mode \"" + Text.shorten(context.pathParam("mode"), 35)
                        + "\": POST to /validate/enforce, /validate/warn, /validate/off or /validate (the configured default)"));
                return;
            }
            Buffer received = context.body().buffer();
            AdmissionEndpoint.Answer answer = endpoint.get().answer(received == null ? new byte[0] : received.getBytes());
            send(context, answer.httpStatus(), answer.body());
        }).failureHandler(AdmissionRoutes::failed);
        // Reached by every method but POST, which the route above answers.
        router.route(path).handler(context -> {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            send(context, 405, ErrorBodies.of(405, "Method Not Allowed"));
        });
    }

    /** A body over the limit (413) or a failure outside the endpoint, which answers everything itself. */
    private static void failed(RoutingContext context) {
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (context.failure() != null && status == 500) {
            LOG.error("unexpected error", context.failure());
        }
        if (context.response().headWritten()) {
            context.response().close();
            return;
        }
        send(context, status, ErrorBodies.of(status, status == 413 ? "Request Entity Too Large"
                : status == 500 ? "internal error; see the webhook's log" : "HTTP " + status));
    }

    private static void send(RoutingContext context, int status, JsonNode body) {
        try {
            context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(Buffer.buffer(Json.mapper().writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void count(MeterRegistry metrics, Finding finding) {
        metrics.counter(FINDINGS_METRIC, "rule", finding.rule(), "severity", finding.severity().label()).increment();
    }
}
