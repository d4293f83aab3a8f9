package dev.hookwright.web;

import dev.hookwright.config.TlsConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

/**
 * Ready means the API server can be answered: the TLS listener completes a handshake with a
 * certificate that is currently valid. The controller's state never enters here.
 */
@Readiness
@ApplicationScoped
public class TlsListenerReadiness implements HealthCheck {
    private static final int TIMEOUT_MILLIS = 2000;
    private final TlsConfig tls;
    private volatile int port = -1;

    public TlsListenerReadiness(TlsConfig tls) {
        this.tls = tls;
    }

    /**
     * Quarkus announces the listener asynchronously, on a thread of its own, and the first check
     * runs there at once: the first TLS handshake of a JVM costs about a third of a second of
     * still-interpreted cryptography (key exchange and signature), and paid here it is not paid
     * by the API server's first review.
     */
    void onStart(@ObservesAsync HttpsServerStart start) {
        port = start.options().getPort();
        call();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tls-listener");
        int target = actualPort();
        if (target <= 0) {
            return response.down().withData("reason", "the HTTPS listener has not started").build();
        }
        try {
            TlsProbe.Served served = TlsProbe.handshake(target, TIMEOUT_MILLIS);
            Instant notAfter = served.certificate().getNotAfter().toInstant();
            response.withData("port", target).withData("protocol", served.protocol())
                    .withData("subject", served.certificate().getSubjectX500Principal().getName())
                    .withData("notAfter", notAfter.toString())
                    // How long a rotated certificate may take to be served.
                    .withData("reloadPeriod", tls.reloadPeriod().toString());
            return (notAfter.isAfter(Instant.now()) ? response.up() : response.down()).build();
        } catch (Exception e) {
            return response.down().withData("port", target).withData("reason", String.valueOf(e.getMessage())).build();
        }
    }

    /** A random port (0) is bound first; Quarkus then publishes the real one as a system property. */
    private int actualPort() {
        if (port > 0) {
            return port;
        }
        String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-ssl-port" : "quarkus.http.ssl-port";
        return ConfigProvider.getConfig().getOptionalValue(property, Integer.class).orElse(port);
    }

}
