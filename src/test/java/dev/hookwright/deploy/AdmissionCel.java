package dev.hookwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a rendered ValidatingAdmissionPolicy the way the API server does, with Google's CEL
 * for Java: the variables {@code object}, {@code oldObject}, {@code request},
 * {@code namespaceObject} and {@code params} bound to unstructured (dynamically typed) JSON,
 * integers as int64, a missing object as {@code null}. The match conditions decide whether the
 * policy applies; then every validation must be true. An expression that fails to evaluate
 * counts as a denial, as under {@code failurePolicy: Fail}. Only standard CEL is declared, so
 * an expression using a Kubernetes-only library fails to compile here.
 */
final class AdmissionCel {
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .addVar("namespaceObject", SimpleType.DYN)
            .addVar("params", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();

    private AdmissionCel() {
    }

    /** What the policy decides: {@code matched} false means it did not apply; {@code denials} are the failed messages. */
    record Decision(boolean matched, List<String> denials) {
        boolean allowed() {
            return denials.isEmpty();
        }
    }

    /** An admission request: the review's {@code request} plus the namespace object, as the API server binds them. */
    record Review(JsonNode request, JsonNode object, JsonNode oldObject, JsonNode namespaceObject) {
    }

    static Decision decide(JsonNode policy, Review review) {
        Map<String, Object> variables = variables(review);
        for (JsonNode condition : policy.path("spec").path("matchConditions")) {
            if (!evaluate(condition.path("expression").asText(), variables)) {
                return new Decision(false, List.of());
            }
        }
        List<String> denials = new ArrayList<>();
        for (JsonNode validation : policy.path("spec").path("validations")) {
            if (!evaluate(validation.path("expression").asText(), variables)) {
                denials.add(validation.path("message").asText());
            }
        }
        return new Decision(true, List.copyOf(denials));
    }

    /** Compiles {@code expression} against the declared variables; a syntax or type error fails the test. */
    static void compile(String expression) {
        try {
            CEL.compile(expression).getAst();
        } catch (CelValidationException e) {
            throw new AssertionError("the policy's CEL does not compile: " + e.getMessage(), e);
        }
    }

    private static boolean evaluate(String expression, Map<String, Object> variables) {
        try {
            return (Boolean) CEL.createProgram(CEL.compile(expression).getAst()).eval(variables);
        } catch (CelValidationException e) {
            throw new AssertionError("the policy's CEL does not compile: " + e.getMessage(), e);
        } catch (CelEvaluationException e) {
            // The API server treats an evaluation error as failurePolicy says: Fail denies.
            return false;
        }
    }

    private static Map<String, Object> variables(Review review) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("request", unstructured(review.request()));
        variables.put("object", unstructured(review.object()));
        variables.put("oldObject", unstructured(review.oldObject()));
        variables.put("namespaceObject", unstructured(review.namespaceObject()));
        variables.put("params", NullValue.NULL_VALUE);
        return variables;
    }

    /** JSON as the API server's unstructured objects: maps, lists, int64, double, bool, string, null. */
    static Object unstructured(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), unstructured(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(unstructured(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
