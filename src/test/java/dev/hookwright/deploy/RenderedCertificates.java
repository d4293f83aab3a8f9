package dev.hookwright.deploy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads the certificates the chart renders (base64 PEM in Secrets and caBundles). */
final class RenderedCertificates {
    private RenderedCertificates() {
    }

    static X509Certificate certificate(String base64Pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    }

    /** The subject alternative names, DNS names and addresses alike. */
    static List<String> sans(X509Certificate certificate) throws Exception {
        List<String> names = new ArrayList<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            names.add(String.valueOf(name.get(1)));
        }
        return names;
    }
}
