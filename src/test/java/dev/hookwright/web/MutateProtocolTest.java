package dev.hookwright.web;

import dev.hookwright.testing.Fixtures;
import dev.hookwright.testing.Https;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

/** The transport of {@code /mutate}: what the API server and a careless client get back. */
@QuarkusTest
class MutateProtocolTest {

    private static String review(String fixture) {
        return Fixtures.read("mutate/" + fixture + ".yaml").get("review").toString();
    }

    @Test
    void echoesTheUidAndAcceptsTheApiServersTimeoutParameter() {
        Https.given().contentType("application/json").body(review("reference-chart"))
                .post("/mutate?timeout=10s")
                .then().statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1"))
                .body("kind", equalTo("AdmissionReview"))
                .body("response.uid", equalTo("7f0e5a4c-0001-4d6e-9a51-reference"))
                .body("response.allowed", equalTo(true))
                .body("response.patchType", equalTo("JSONPatch"));
    }

    @Test
    void answersAnAllowWithoutPatchTypeWhenNothingChanges() {
        Https.given().contentType("application/json").body(review("not-opted-in"))
                .post("/mutate")
                .then().statusCode(200)
                .body("response.allowed", equalTo(true))
                .body("response", not(hasKey("patchType")))
                .body("response", not(hasKey("patch")));
    }

    @Test
    void rejectsMalformedJsonWith400AndAMessage() {
        Https.given().contentType("application/json").body("{\"apiVersion\": ")
                .post("/mutate")
                .then().statusCode(400)
                .body("message", containsString("malformed JSON at line 1"))
                .body("message", not(containsString("Exception")));
    }

    @Test
    void rejectsAnEmptyBody() {
        Https.given().contentType("application/json").body("")
                .post("/mutate")
                .then().statusCode(400).body("message", containsString("empty body"));
    }

    @Test
    void rejectsAReviewThatIsNotV1() {
        String v1beta1 = review("reference-chart").replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1");
        Https.given().contentType("application/json").body(v1beta1)
                .post("/mutate")
                .then().statusCode(400)
                .body("message", containsString("expected apiVersion admission.k8s.io/v1"))
                .body("message", containsString("admissionReviewVersions: [v1]"));
    }

    @Test
    void rejectsAReviewWithoutRequestOrUid() {
        Https.given().contentType("application/json")
                .body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}")
                .post("/mutate").then().statusCode(400).body("message", containsString("no request"));
        Https.given().contentType("application/json")
                .body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}")
                .post("/mutate").then().statusCode(400).body("message", containsString("no uid"));
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        Https.given().contentType("application/json").body("[1,2]")
                .post("/mutate").then().statusCode(400).body("message", containsString("got JSON array"));
    }

    @Test
    void answersAnUnreadableDeploymentWithAnErroredReviewThatKeepsTheUid() {
        String broken = review("reference-chart").replace("\"replicas\":2", "\"replicas\":\"many\"");
        Https.given().contentType("application/json").body(broken)
                .post("/mutate").then().statusCode(200)
                .body("response.uid", equalTo("7f0e5a4c-0001-4d6e-9a51-reference"))
                .body("response.allowed", equalTo(false))
                .body("response.status.code", equalTo(400))
                .body("response.status.message", containsString("not a readable apps/v1 Deployment"));
    }

    @Test
    void refusesABodyOverTheLimitWith413AndKeepsServing() {
        byte[] oversized = new byte[8 * 1024 * 1024 + 1];
        java.util.Arrays.fill(oversized, (byte) ' ');
        org.assertj.core.api.Assertions.assertThat(Https.postExpectingContinue("/mutate", oversized).statusCode())
                .isEqualTo(413);
        echoesTheUidAndAcceptsTheApiServersTimeoutParameter();
    }

    @Test
    void acceptsABodyExactlyAtTheLimit() {
        byte[] review = review("not-opted-in").getBytes();
        byte[] padded = new byte[8 * 1024 * 1024];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(review, 0, padded, 0, review.length);
        Https.given().contentType("application/json").body(padded)
                .post("/mutate").then().statusCode(200).body("response.allowed", equalTo(true));
    }

    @Test
    void servesNoPlainHttp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.restassured.RestAssured.given()
                .baseUri("http://localhost").port(Https.port()).body("{}").post("/mutate").then().statusCode(200))
                .isInstanceOf(Exception.class);
    }

    @Test
    void reportsReadinessFromTheTlsListenerOnTheManagementPort() {
        Https.management().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'tls-listener' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'tls-listener' }.data.protocol", containsString("TLSv1."));
        Https.given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void exposesPrometheusMetricsOnTheManagementPort() {
        Https.given().contentType("application/json").body(review("not-opted-in")).post("/mutate");
        Https.management().get("/q/metrics").then().statusCode(200)
                .body(containsString("hookwright_admission_decisions_total{decision=\"allowed\",webhook=\"mutate\"}"));
    }

    @Test
    void answersAWrongMethodWithJsonNotAStackTrace() {
        Https.given().get("/mutate").then().statusCode(405).body("code", equalTo(405))
                .body("message", not(nullValue()));
    }
}
