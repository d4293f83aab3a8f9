package dev.hookwright.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates, made once per build by the same {@code certs/generate.sh} that users run,
 * so no key is ever committed and the script itself is exercised.
 */
public final class TestCertificates {
    private static final Path DIR = Path.of("target", "test-certs").toAbsolutePath();

    private TestCertificates() {
    }

    public static synchronized Path dir() {
        if (!Files.exists(DIR.resolve("tls.key"))) {
            generate(DIR);
        }
        return DIR;
    }

    public static Path cert() {
        return dir().resolve("tls.crt");
    }

    public static Path key() {
        return dir().resolve("tls.key");
    }

    /** Runs the project's certificate script into {@code dir}. */
    public static void generate(Path dir) {
        try {
            Process process = new ProcessBuilder("bash", "certs/generate.sh", dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("certs/generate.sh failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run certs/generate.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding the test CA, for REST Assured and plain JSSE clients. */
    public static KeyStore trustStore() {
        return trustStore(dir().resolve("ca.crt"));
    }

    public static KeyStore trustStore(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("hookwright-test-ca", ca);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test CA " + caFile, e);
        }
    }
}
