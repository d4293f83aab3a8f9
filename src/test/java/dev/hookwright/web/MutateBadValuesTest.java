package dev.hookwright.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Every value outside what docs/reference.md accepts is denied with 403 and a message that names the
 * annotation, the value and what to write instead: a failed {@code helm upgrade} beats a
 * migration silently skipped.
 */
@QuarkusTest
class MutateBadValuesTest {

    private static ObjectNode referenceWith(String annotation, String value) {
        ObjectNode review = (ObjectNode) Fixtures.read("mutate/reference-chart.yaml").get("review");
        ((ObjectNode) review.at("/request/object/metadata/annotations")).put(annotation, value);
        return review;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "hookwright.dev/command | node db/migrate.mjs | non-empty JSON array of strings",
        "hookwright.dev/command | []                  | non-empty JSON array of strings",
        "hookwright.dev/command | [\"node\", 1]       | non-empty JSON array of strings",
        "hookwright.dev/command | {\"cmd\":\"x\"}     | non-empty JSON array of strings",
        "hookwright.dev/args    | --verbose           | JSON array of strings",
        "hookwright.dev/args    | [null]              | JSON array of strings",
        "hookwright.dev/when    | post-instal         | write post, pre, or a comma list of pre-install, pre-upgrade, post-install, post-upgrade",
        "hookwright.dev/when    | pre-delete          | write post, pre, or a comma list",
        "hookwright.dev/when    | 'post-install,'     | write post, pre, or a comma list",
        "hookwright.dev/when    | ''                  | write post, pre, or a comma list",
        "hookwright.dev/weight  | ten                 | write an integer",
        "hookwright.dev/weight  | 1.5                 | write an integer",
        "hookwright.dev/weight  | 99999999999         | write an integer",
        "hookwright.dev/container | sidecar           | write the name of one of the pod's containers: web",
        "hookwright.dev/backoff-limit | 7             | write an integer from 0 to 6",
        "hookwright.dev/backoff-limit | -1            | write an integer from 0 to 6",
        "hookwright.dev/backoff-limit | 0x1           | write an integer from 0 to 6",
        "hookwright.dev/active-deadline-seconds | 0   | write an integer from 1 to 3600",
        "hookwright.dev/active-deadline-seconds | 3601 | write an integer from 1 to 3600",
        "hookwright.dev/active-deadline-seconds | 5m  | write an integer from 1 to 3600",
        "hookwright.dev/ttl-seconds-after-finished | -1 | write an integer of at least 0",
        "hookwright.dev/revision | Release-3          | at most 20 lower-case letters, digits and '-'",
        "hookwright.dev/revision | 3-                 | at most 20 lower-case letters, digits and '-'",
        "hookwright.dev/revision | 123456789012345678901 | at most 20 lower-case letters",
        "hookwright.dev/revision | ''                 | at most 20 lower-case letters",
        "hookwright.dev/rerun   | 0123456789012345678901234567890123456789012345678901234567890123 | a token of at most 63 characters",
        "hookwright.dev/skip    | yes                 | write \"true\" or \"false\"",
        "hookwright.dev/env-configmap | Shop_Env      | a DNS-1123 subdomain",
        "hookwright.dev/env-secret | shop secrets     | a DNS-1123 subdomain",
        "hookwright.dev/release | Shop                | a Helm release name",
        "hookwright.dev/release | ''                  | a Helm release name",
        "hookwright.dev/release | a-release-name-that-is-fifty-four-characters-long-xxxx | at most 53 characters",
        "hookwright.dev/seed-command | node seed.mjs  | non-empty JSON array of strings",
        "hookwright.dev/seed-args | --demo          | JSON array of strings",
        "hookwright.dev/seed-when | first           | write install (the first revision only) or always",
        "hookwright.dev/retry   | linear:3            | write none or exponential:<n> with n from 1 to 6",
        "hookwright.dev/retry   | exponential:0       | write none or exponential:<n> with n from 1 to 6",
        "hookwright.dev/retry   | exponential:7       | write none or exponential:<n> with n from 1 to 6",
        "hookwright.dev/retry-fail-exit-codes | 2   | set it only together with hookwright.dev/retry: exponential:<n>",
        "hookwright.dev/volumes | data                | write a JSON array of the pod's volume names",
        "hookwright.dev/volumes | '{\"data\":true}'  | write a JSON array of the pod's volume names",
        "hookwright.dev/volumes | '[\"Data_1\"]'     | volume names (DNS-1123 labels)",
        "hookwright.dev/volumes | '[1]'               | write a JSON array of the pod's volume names",
        "hookwright.dev/resources | 250m              | write JSON {\"requests\":",
        "hookwright.dev/resources | '{}'              | write JSON {\"requests\":",
        "hookwright.dev/resources | '{\"request\":{\"cpu\":\"1\"}}' | write JSON {\"requests\":",
        "hookwright.dev/resources | '{\"limits\":[\"1Gi\"]}' | write JSON {\"requests\":",
        "hookwright.dev/resources | '{\"limits\":{\"memory\":\"1 GB\"}}' | write limits.memory as a Kubernetes quantity",
        "hookwright.dev/resources | '{\"requests\":{\"cpu\":\"-1\"}}' | write requests.cpu as a Kubernetes quantity",
        "hookwright.dev/resources | '{\"requests\":{\"cpu\":true}}' | write requests.cpu as a Kubernetes quantity",
        "hookwright.dev/resources | '{\"requests\":{\"memory\":\"2Gi\"},\"limits\":{\"memory\":\"1Gi\"}}' | limits.memory 1Gi is below requests.memory 2Gi",
        "hookwright.dev/post-deploy-command | rails db:migrate | non-empty JSON array of strings",
        "hookwright.dev/post-deploy-command | []       | non-empty JSON array of strings",
        "hookwright.dev/post-deploy-command | [\"rails\", true] | non-empty JSON array of strings",
        "hookwright.dev/env     | SKIP=true           | write a JSON object of variable names to strings, e.g. {\"SKIP_POST_DEPLOYMENT_MIGRATIONS\":\"true\"}",
        "hookwright.dev/env     | [\"SKIP=true\"]     | write a JSON object of variable names to strings",
        "hookwright.dev/env     | {\"SKIP\":true}     | the value of SKIP is not a string (quote numbers and booleans)",
        "hookwright.dev/env     | {\"SKIP\":null}     | the value of SKIP is not a string",
        "hookwright.dev/env     | {\"1SKIP\":\"x\"}   | \"1SKIP\" is not a variable name: write letters, digits, '_', '-' and '.', not starting with a digit or '..'",
        "hookwright.dev/env     | {\"SKIP ME\":\"x\"} | \"SKIP ME\" is not a variable name",
        "hookwright.dev/env     | {\"A=B\":\"x\"}     | \"A=B\" is not a variable name",
        "hookwright.dev/env     | {\"\":\"x\"}        | \"\" is not a variable name",
        "hookwright.dev/env     | {\"..A\":\"x\"}     | \"..A\" is not a variable name",
        "hookwright.dev/env     | {\"A\":\"1\",\"A\":\"2\"} | (each name once)",
    })
    void deniesABadValueNamingAnnotationValueAndWhatIsAccepted(String annotation, String value, String accepted) {
        String found = value.length() > 80 ? value.substring(0, 77) : value;
        Https.given().contentType("application/json").body(referenceWith(annotation, value).toString())
                .post("/mutate")
                .then().statusCode(200)
                .body("response.allowed", equalTo(false))
                .body("response.status.code", equalTo(403))
                .body("response.status.message", allOf(
                        containsString(annotation + ": \"" + found),
                        containsString(accepted)))
                .body("response", not(org.hamcrest.Matchers.hasKey("patch")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "0     | write a comma list of exit codes from 1 to 255",
        "256   | write a comma list of exit codes from 1 to 255",
        "2,,3  | write a comma list of exit codes from 1 to 255",
        "two   | write a comma list of exit codes from 1 to 255",
    })
    void deniesBadRetryExitCodes(String codes, String accepted) {
        ObjectNode review = referenceWith("hookwright.dev/retry", "exponential:3");
        ((ObjectNode) review.at("/request/object/metadata/annotations")).put("hookwright.dev/retry-fail-exit-codes", codes);
        Https.given().contentType("application/json").body(review.toString()).post("/mutate")
                .then().statusCode(200)
                .body("response.status.code", equalTo(403))
                .body("response.status.message", allOf(
                        containsString("hookwright.dev/retry-fail-exit-codes: \"" + codes + "\""), containsString(accepted)));
    }

    @Test
    void deniesRetryTogetherWithBackoffLimit() {
        ObjectNode review = referenceWith("hookwright.dev/retry", "exponential:3");
        ((ObjectNode) review.at("/request/object/metadata/annotations")).put("hookwright.dev/backoff-limit", "1");
        Https.given().contentType("application/json").body(review.toString()).post("/mutate")
                .then().statusCode(200)
                .body("response.status.code", equalTo(403))
                .body("response.status.message", containsString(
                        "hookwright.dev/retry: \"exponential:3\" is not accepted; set either hookwright.dev/retry or "
                                + "hookwright.dev/backoff-limit, not both"));
    }

    @Test
    void deniesSeedArgsWithoutASeedCommand() {
        Https.given().contentType("application/json")
                .body(referenceWith("hookwright.dev/seed-args", "[\"--demo\"]").toString()).post("/mutate")
                .then().statusCode(200)
                .body("response.status.code", equalTo(403))
                .body("response.status.message", containsString("set hookwright.dev/seed-command too"));
    }

    @ParameterizedTest(name = "{0} without post-deploy-command")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "hookwright.dev/post-deploy-args | [\"--all\"]",
        "hookwright.dev/post-deploy-env  | {\"PHASE\":\"contract\"}",
    })
    void deniesPostDeployArgsOrEnvWithoutAPostDeployCommand(String annotation, String value) {
        Https.given().contentType("application/json").body(referenceWith(annotation, value).toString()).post("/mutate")
                .then().statusCode(200)
                .body("response.status.code", equalTo(403))
                .body("response.status.message", containsString(annotation + ": \"" + value
                        + "\" is not accepted; set hookwright.dev/post-deploy-command too, or remove it"));
    }

    @Test
    void deniesABadPostDeployEnvLikeABadEnv() {
        ObjectNode review = referenceWith("hookwright.dev/post-deploy-command", "[\"rails\",\"db:migrate\"]");
        ((ObjectNode) review.at("/request/object/metadata/annotations")).put("hookwright.dev/post-deploy-env", "{\"9X\":\"y\"}");
        Https.given().contentType("application/json").body(review.toString()).post("/mutate")
                .then().statusCode(200)
                .body("response.status.code", equalTo(403))
                .body("response.status.message", containsString(
                        "hookwright.dev/post-deploy-env: \"{\"9X\":\"y\"}\" is not accepted; \"9X\" is not a variable name"));
    }

    @Test
    void deniesAMixedWhenWithoutAnExplicitWeight() {
        Https.given().contentType("application/json")
                .body(referenceWith("hookwright.dev/when", "pre-install,post-upgrade").toString())
                .post("/mutate")
                .then().statusCode(200)
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString(
                        "hookwright.dev/weight: is missing; write an integer: it is required when "
                                + "hookwright.dev/when mixes pre and post events"));
    }

    @Test
    void reportsEveryBadValueInOneAnswerNotJustTheFirst() {
        ObjectNode review = referenceWith("hookwright.dev/backoff-limit", "9");
        ((ObjectNode) review.at("/request/object/metadata/annotations"))
                .put("hookwright.dev/active-deadline-seconds", "0")
                .put("hookwright.dev/when", "later");
        Https.given().contentType("application/json").body(review.toString())
                .post("/mutate")
                .then().statusCode(200)
                .body("response.status.message", allOf(
                        containsString("hookwright.dev/backoff-limit: \"9\""),
                        containsString("hookwright.dev/active-deadline-seconds: \"0\""),
                        containsString("hookwright.dev/when: \"later\"")));
    }

    @Test
    void keepsAHostileValueOutOfTheMessage() {
        String huge = "x".repeat(100_000);
        Https.given().contentType("application/json").body(referenceWith("hookwright.dev/weight", huge).toString())
                .post("/mutate")
                .then().statusCode(200)
                .body("response.status.message", allOf(containsString("xxx..."), not(containsString(huge))));
    }
}
