package dev.hookwright.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The values of each certificates.mode, for tests that must hold whichever path is chosen. */
final class CertificateModes {
    /** Any well-formed base64 stands in for the CA a user passes in external mode. */
    static final String EXTERNAL_CA_BUNDLE = Base64.getEncoder()
            .encodeToString("-----BEGIN CERTIFICATE-----\nexternal\n-----END CERTIFICATE-----\n"
                    .getBytes(StandardCharsets.US_ASCII));

    private CertificateModes() {
    }

    static Map<String, String> values(String mode) {
        return switch (mode) {
            case "helm" -> Map.of();
            case "cert-manager" -> Map.of("certificates.mode", "cert-manager");
            case "external" -> Map.of("certificates.mode", "external",
                    "certificates.external.caBundle", EXTERNAL_CA_BUNDLE);
            default -> throw new IllegalArgumentException(mode);
        };
    }
}
