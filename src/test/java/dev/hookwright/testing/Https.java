package dev.hookwright.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** REST Assured over HTTPS, trusting only the test CA. */
public final class Https {
    /** The HTTPS port the server under test bound (tests ask for a random one). */
    public static int port() {
        return boundPort("quarkus.http.test-ssl-port");
    }

    /** The management port the server under test bound. */
    public static int managementPort() {
        return boundPort("quarkus.management.test-port");
    }

    private static int boundPort(String property) {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue(property, Integer.class);
    }

    private Https() {
    }

    public static RequestSpecification given() {
        return RestAssured.given()
                .baseUri("https://localhost")
                .port(port())
                .trustStore(TestCertificates.trustStore());
    }

    /**
     * A POST with {@code Expect: 100-continue}, as careful clients send large bodies: the server
     * can refuse an oversized body before a byte of it is sent.
     */
    public static java.net.http.HttpResponse<String> postExpectingContinue(String path, byte[] body) {
        return post(path, "application/json", body, true);
    }

    /** A POST of raw bytes under any content type, past what REST Assured would encode (a form, say). */
    public static java.net.http.HttpResponse<String> post(String path, String contentType, byte[] body,
            boolean expectContinue) {
        try {
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trust.init(TestCertificates.trustStore());
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(context)
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("https://localhost:" + port() + path))
                    .expectContinue(expectContinue)
                    .header("Content-Type", contentType)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " failed: " + e, e);
        }
    }

    public static RequestSpecification management() {
        return RestAssured.given()
                .baseUri("https://localhost")
                .port(managementPort())
                .trustStore(TestCertificates.trustStore());
    }
}
