package dev.hookwright.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.inject.Decision;
import dev.hookwright.core.inject.InjectionDecider;
import dev.hookwright.core.inject.Plan;
import dev.hookwright.core.settings.Violation;
import org.jboss.logging.Logger;

import java.util.Optional;

/** {@code /mutate}: apps/v1 Deployments on CREATE and UPDATE through the {@link InjectionDecider}. */
public final class InjectionHandler implements AdmissionHandler {
    private static final Logger LOG = Logger.getLogger(InjectionHandler.class);
    private final InjectionDecider decider;

    public InjectionHandler(InjectionDecider decider) {
        this.decider = decider;
    }

    @Override
    public AdmissionResult handle(AdmissionRequest request) {
        if (!request.isKind("apps", "v1", "Deployment") || !request.isCreateOrUpdate() || request.object().isEmpty()) {
            return AdmissionResult.allowed();
        }
        Optional<JsonNode> old = "UPDATE".equals(request.operation()) ? request.oldObject().map(JsonNode.class::cast)
                : Optional.empty();
        Decision decision = decider.decide(request.object().get(), old, Optional.empty());
        if (!decision.allowed()) {
            // Values can carry credentials (a command line with a password): log the fields only.
            LOG.infof("denied %s: bad %s", request.describe(), fieldsOf(decision));
            return AdmissionResult.denied(decision.denial().orElseThrow(), decision.warnings());
        }
        if (decision.plan() instanceof Plan.Invalid) {
            LOG.infof("allowed %s despite bad %s: the update leaves hookwright's settings alone",
                    request.describe(), fieldsOf(decision));
        }
        decision.patch().ifPresent(patch -> LOG.debugf("patched %s", request.describe()));
        return decision.patch()
                .map(patch -> AdmissionResult.patched(patch, decision.warnings()))
                .orElseGet(() -> AdmissionResult.allowed(decision.warnings()));
    }

    private static String fieldsOf(Decision decision) {
        return decision.plan() instanceof Plan.Invalid invalid
                ? String.join(", ", invalid.violations().stream().map(Violation::field).toList()) : "";
    }
}
