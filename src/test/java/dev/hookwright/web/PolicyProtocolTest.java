package dev.hookwright.web;

import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The transport of {@code /validate}: modes in the path, unknown modes, metrics. */
@QuarkusTest
class PolicyProtocolTest {

    private static String review(String fixture) {
        return Fixtures.read("validate/" + fixture + ".yaml").get("review").toString();
    }

    @Test
    void answersAnUnknownModeWith404AndNamesTheModesThatExist() {
        Https.given().contentType("application/json").body(review("chart-mastodon-db-pre-migrate"))
                .post("/validate/strict")
                .then().statusCode(404)
                .body("code", equalTo(404))
                .body("message", containsString("no policy mode \"strict\""))
                .body("message", containsString("/validate/enforce, /validate/warn, /validate/off or /validate"));
    }

    @Test
    void readsTheModeExactlyAsRegistered() {
        Https.given().contentType("application/json").body(review("chart-mastodon-db-pre-migrate"))
                .post("/validate/Enforce").then().statusCode(404);
    }

    @Test
    void rejectsMalformedJsonWith400OnEveryMode() {
        for (String path : new String[] {"/validate", "/validate/enforce", "/validate/warn", "/validate/off"}) {
            Https.given().contentType("application/json").body("{\"apiVersion\": ")
                    .post(path).then().statusCode(400).body("message", containsString("malformed JSON"));
        }
    }

    @Test
    void answersAWrongMethodWithJson() {
        Https.given().get("/validate/enforce").then().statusCode(405).body("code", equalTo(405));
    }

    @Test
    void countsFindingsByRuleAndDecisionsByMode() {
        Https.given().contentType("application/json").body(review("chart-mastodon-db-pre-migrate"))
                .post("/validate/warn").then().statusCode(200);
        Https.given().contentType("application/json").body(review("chart-mastodon-db-pre-migrate"))
                .post("/validate/enforce").then().statusCode(200);
        // A naming error of its own, so the count never rests on what another test sent before.
        Https.given().contentType("application/json").body(review("mode-enforce-lists-every-error"))
                .post("/validate/enforce").then().statusCode(200);
        Https.management().get("/q/metrics").then().statusCode(200)
                .body(containsString("hookwright_policy_findings_total{rule=\"deadline\",severity=\"error\"}"))
                .body(containsString("hookwright_policy_findings_total{rule=\"naming\",severity=\"error\"}"))
                .body(containsString("hookwright_admission_decisions_total{decision=\"allowed\",webhook=\"validate-warn\"}"))
                .body(containsString("hookwright_admission_decisions_total{decision=\"denied\",webhook=\"validate-enforce\"}"));
    }

    @Test
    void leavesMutateAsItWas() {
        Https.given().contentType("application/json").body(review("chart-mastodon-db-pre-migrate"))
                .post("/mutate").then().statusCode(200)
                .body("response.allowed", equalTo(true))
                .body("response", not(org.hamcrest.Matchers.hasKey("warnings")));
    }
}
