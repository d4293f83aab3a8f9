package dev.hookwright.web;

import dev.hookwright.admission.AdmissionEndpoint;
import dev.hookwright.admission.ErrorBodies;
import dev.hookwright.admission.InjectionHandler;
import dev.hookwright.admission.PolicyHandler;
import dev.hookwright.admission.PolicyMode;
import dev.hookwright.config.Engine;
import dev.hookwright.core.Text;
import dev.hookwright.core.policy.Finding;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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
 * Any other method on these paths is a 405 and an unknown mode a 404, each with a JSON message
 * ({@link Routes}).
 */
@ApplicationScoped
public class AdmissionRoutes {
    static final String FINDINGS_METRIC = "hookwright.policy.findings";

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
        route(router, "/mutate", context -> Optional.of(mutate));
        route(router, "/validate", context -> Optional.of(policy.get(defaultMode)));
        route(router, "/validate/:mode", context -> PolicyMode.parse(context.pathParam("mode")).map(policy::get));
    }

    /** Picks the endpoint of a request; empty: no such path. */
    private interface Choice {
        Optional<AdmissionEndpoint> endpoint(RoutingContext context);
    }

    private static void route(Router router, String path, Choice choice) {
        Routes.post(router, path).handler(context -> {
            Optional<AdmissionEndpoint> endpoint = choice.endpoint(context);
            if (endpoint.isEmpty()) {
                Routes.send(context, 404, ErrorBodies.of(404, "no policy mode \"" + Text.shorten(context.pathParam("mode"), 35)
                        + "\": POST to /validate/enforce, /validate/warn, /validate/off or /validate (the configured default)"));
                return;
            }
            AdmissionEndpoint.Answer answer = endpoint.get().answer(Routes.body(context));
            Routes.send(context, answer.httpStatus(), answer.body());
        });
    }

    private static void count(MeterRegistry metrics, Finding finding) {
        metrics.counter(FINDINGS_METRIC, "rule", finding.rule(), "severity", finding.severity().label()).increment();
    }
}
