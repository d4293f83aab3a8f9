package dev.hookwright.web;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * A review whose fields have the wrong JSON types is refused with 400 and a message naming the
 * field, on every webhook — never coerced into an answer (a numeric uid echoed as a string,
 * labels written as a list read as "not opted in", annotations as a number read as "no hook").
 */
@QuarkusTest
class WrongJsonTypesTest {

    private static String damaged(String fixture, String pointer, String json) {
        ObjectNode review = (ObjectNode) Fixtures.read(fixture).get("review").deepCopy();
        JsonPointer at = JsonPointer.compile(pointer);
        ((ObjectNode) review.at(at.head())).set(at.last().getMatchingProperty(), parse(json));
        return review.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/request/uid                                             | 42           | request.uid must be a string, not JSON number 42",
            "/request/kind/kind                                       | 1            | request.kind.kind must be a string, not JSON number 1",
            "/request/operation                                       | [\"CREATE\"] | request.operation must be a string, not JSON array",
            "/request/name                                            | {}           | request.name must be a string, not JSON object",
            "/request/dryRun                                          | \"yes\"      | request.dryRun must be true or false, not JSON string \"yes\"",
            "/request/oldObject                                       | \"x\"        | request.oldObject must be a JSON object, not JSON string",
            "/request/object/metadata                                 | []           | request.object.metadata must be a JSON object, not JSON array",
            "/request/object/metadata/labels                          | [\"a\"]      | request.object.metadata.labels must be a JSON object, not JSON array",
            "/request/object/metadata/annotations                     | 7            | request.object.metadata.annotations must be a JSON object, not JSON number 7",
            "/request/object/metadata/labels/hookwright.dev~1migrations | true       | request.object.metadata.labels[\"hookwright.dev/migrations\"] must be a string, not JSON boolean true",
            "/request/object/metadata/namespace                       | 3            | request.object.metadata.namespace must be a string, not JSON number 3",
    })
    void refusesAFieldOfTheWrongTypeWith400OnMutate(String pointer, String json, String message) {
        Https.given().contentType("application/json").body(damaged("mutate/reference-chart.yaml", pointer.trim(), json.trim()))
                .post("/mutate")
                .then().statusCode(400)
                .body("code", equalTo(400))
                .body("message", equalTo(message.trim()))
                .body("message", not(containsString("at dev.hookwright")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "/request/uid                          | 42      | request.uid must be a string, not JSON number 42",
            "/request/object/metadata/annotations  | 7       | request.object.metadata.annotations must be a JSON object, not JSON number 7",
            "/request/object/metadata/labels       | [\"a\"] | request.object.metadata.labels must be a JSON object, not JSON array",
    })
    void refusesAFieldOfTheWrongTypeWith400OnEveryPolicyMode(String pointer, String json, String message) {
        String body = damaged("validate/chart-temporal-schema.yaml", pointer.trim(), json.trim());
        for (String path : new String[] {"/validate", "/validate/enforce", "/validate/warn", "/validate/off"}) {
            Https.given().contentType("application/json").body(body)
                    .post(path)
                    .then().statusCode(400)
                    .body("code", equalTo(400))
                    .body("message", equalTo(message.trim()));
        }
    }
}
