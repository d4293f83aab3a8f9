package dev.hookwright.tls;

import dev.hookwright.testing.Https;
import dev.hookwright.testing.TestCertificates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rotated certificate is served without a restart: what cert-manager's
 * renewal, a chart upgrade with new material or `make deploy` with new certificates rely on.
 */
@QuarkusTest
@TestProfile(RotatingCertificateProfile.class)
class CertificateRotationTest {
    /** Well above the 1 s reload period; the loop ends as soon as the new certificate is served. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path CERT = RotatingCertificateProfile.DIR.resolve("tls.crt");

    @Test
    void servesARotatedCertificateOnBothPortsWithoutARestart() throws Exception {
        BigInteger before = ServedCertificate.serialIn(CERT);
        assertThat(awaitServed(Https.port(), before)).as("the profile's certificate is served").isEqualTo(before);
        assertThat(awaitServed(Https.managementPort(), before)).isEqualTo(before);

        TestCertificates.generate(RotatingCertificateProfile.DIR);
        BigInteger after = ServedCertificate.serialIn(CERT);
        assertThat(after).isNotEqualTo(before);

        assertThat(awaitServed(Https.port(), after)).as("webhook port serves the new certificate").isEqualTo(after);
        assertThat(awaitServed(Https.managementPort(), after)).as("management port too").isEqualTo(after);
    }

    /**
     * Polls until {@code expected} is served. A failed handshake counts as "not yet": the script
     * replaces the key and then the certificate, and a reload between the two reads a pair that
     * does not match until the next period. (The kubelet swaps a Secret volume's files at once.)
     */
    private static BigInteger awaitServed(int port, BigInteger expected) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        BigInteger served = null;
        while (!expected.equals(served) && Instant.now().isBefore(deadline)) {
            try {
                served = ServedCertificate.serialOn(port);
            } catch (IOException handshakeDuringTheSwap) {
                served = null;
            }
            if (!expected.equals(served)) {
                Thread.sleep(200);
            }
        }
        return served;
    }
}
