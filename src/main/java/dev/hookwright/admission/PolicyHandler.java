package dev.hookwright.admission;

import dev.hookwright.core.Deletion;
import dev.hookwright.core.policy.Finding;
import dev.hookwright.core.policy.HookPolicy;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /validate/{mode}}: batch/v1 hook Jobs on CREATE and UPDATE through the {@link HookPolicy}.
 * Filters come first (mode off, other kinds and operations, objects being deleted, Jobs that
 * are not hooks); then the findings decide, the mode says how much they weigh.
 */
public final class PolicyHandler implements AdmissionHandler {
    /** The {@code auditAnnotations} key; the API server prefixes it with the webhook's name. */
    public static final String AUDIT_KEY = "policy-findings";
    private static final Logger LOG = Logger.getLogger(PolicyHandler.class);

    private final HookPolicy policy;
    private final PolicyMode mode;
    private final Consumer<Finding> onFinding;

    /**
     * @param onFinding told of every finding on an admitted-or-denied object, for metrics
     */
    public PolicyHandler(HookPolicy policy, PolicyMode mode, Consumer<Finding> onFinding) {
        this.policy = policy;
        this.mode = mode;
        this.onFinding = onFinding;
    }

    @Override
    public AdmissionResult handle(AdmissionRequest request) {
        if (!applies(request)) {
            return AdmissionResult.allowed();
        }
        List<Finding> findings = policy.check(request.object().get());
        findings.forEach(onFinding);
        List<Finding> denying = mode == PolicyMode.ENFORCE ? introducedErrors(findings, existingFindings(request))
                : List.of();
        List<String> warnings = PolicyWarnings.of(findings.stream().filter(finding -> !denying.contains(finding)).toList());
        AdmissionResult result;
        if (denying.isEmpty()) {
            result = AdmissionResult.allowed(warnings);
        } else {
            LOG.infof("denied %s: %s", request.describe(), ruleIds(denying));
            result = AdmissionResult.denied(denial(request, denying), warnings);
        }
        return result.withAuditAnnotations(findings.isEmpty() ? Map.of() : Map.of(AUDIT_KEY, ruleIds(findings)));
    }

    /**
     * The filters in front of the rules (the policy says which objects it applies to: hook Jobs,
     * workloads declared as hooks, delete policies on non-hooks). A deleting object is let
     * through so finalizers can go.
     */
    private boolean applies(AdmissionRequest request) {
        return mode != PolicyMode.OFF
                && request.isCreateOrUpdate()
                && request.object().isPresent()
                && !Deletion.isBeingDeleted(request.object().get())
                && HookPolicy.appliesTo(request.object().get());
    }

    /** What the stored object already had: on UPDATE those findings warn instead of deny. */
    private List<Finding> existingFindings(AdmissionRequest request) {
        if (!"UPDATE".equals(request.operation())) {
            return List.of();
        }
        return request.oldObject().filter(HookPolicy::appliesTo).map(policy::check).orElse(List.of());
    }

    private static List<Finding> introducedErrors(List<Finding> findings, List<Finding> existing) {
        return findings.stream().filter(Finding::isError)
                .filter(finding -> existing.stream().noneMatch(finding::sameAs)).toList();
    }

    private static String denial(AdmissionRequest request, List<Finding> errors) {
        return "hookwright policy: hook Job " + request.name() + " has " + errors.size() + " error"
                + (errors.size() == 1 ? "" : "s") + ": " + String.join("; ", errors.stream().map(Finding::text).toList());
    }

    private static String ruleIds(List<Finding> findings) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        findings.forEach(finding -> ids.add(finding.rule()));
        return String.join(",", ids);
    }
}
