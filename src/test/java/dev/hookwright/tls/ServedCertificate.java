package dev.hookwright.tls;

import dev.hookwright.web.TlsProbe;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Reads the certificate a TLS listener serves, and the one in a PEM file, by serial number. */
final class ServedCertificate {
    private static final int TIMEOUT_MILLIS = 2000;

    private ServedCertificate() {
    }

    /**
     * The serial of the certificate served on {@code port}. Each call uses a new SSLContext, so
     * no TLS session is resumed and the server has to present its current certificate.
     */
    static BigInteger serialOn(int port) throws IOException, GeneralSecurityException {
        return TlsProbe.handshake(port, TIMEOUT_MILLIS).certificate().getSerialNumber();
    }

    static BigInteger serialIn(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
                    .getSerialNumber();
        }
    }
}
