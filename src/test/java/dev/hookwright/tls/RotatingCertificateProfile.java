package dev.hookwright.tls;

import dev.hookwright.testing.TestCertificates;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.Map;

/**
 * Serves a certificate from a directory of its own that the test may overwrite, read again
 * every second. The global {@code TlsTestResource} sets the same keys for every
 * {@code @QuarkusTest}; {@link CertificateRotationTest} checks that this profile's values are
 * the ones served (the first handshake must show this directory's certificate).
 */
public class RotatingCertificateProfile implements QuarkusTestProfile {
    /** A fixed path: the profile and the test may be loaded by different class loaders. */
    static final Path DIR = Path.of("target", "rotating-certs").toAbsolutePath();
    /** A JVM-wide flag (class loaders do not share statics): Quarkus may ask for the overrides more than once. */
    private static final String GENERATED = "certificate-rotation-test.generated";

    @Override
    public Map<String, String> getConfigOverrides() {
        // Made once per test JVM, before the server starts: regenerating under a running
        // server would rotate the certificate before the test looks at it.
        if (System.getProperty(GENERATED) == null) {
            TestCertificates.generate(DIR);
            System.setProperty(GENERATED, "true");
        }
        return Map.of(
                "hookwright.tls.cert", DIR.resolve("tls.crt").toString(),
                "hookwright.tls.key", DIR.resolve("tls.key").toString(),
                "hookwright.tls.reload-period", "1s");
    }
}
