package dev.hookwright.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The run's throw-away PKI, made by {@code test/cluster/pki.sh} under {@code target/e2e/}, and
 * TLS contexts built from it for the tests' own HTTPS calls.
 */
record Pki(Path dir) {
    static Pki generate(Path repo, Path dir) {
        Shell.run(repo, "test/cluster/pki.sh", dir.toString());
        return new Pki(dir);
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** base64 of the CA's PEM: a webhook configuration's {@code caBundle}. */
    String caBundle() {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(file("ca.crt")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts the run's CA; presents {@code clientName}.crt and its PKCS#8 key when not null. */
    SSLContext sslContext(String clientName) {
        try {
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificates.generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(file("ca.crt")))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (clientName != null) {
                char[] password = "e2e".toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                Certificate cert = certificates.generateCertificate(
                        new ByteArrayInputStream(Files.readAllBytes(file(clientName + ".crt"))));
                keys.setKeyEntry("client", privateKey(file(clientName + ".pk8.key")), password, new Certificate[] {cert});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the run's PKI does not load", e);
        }
    }

    /** A PKCS#8 PEM key, as {@code openssl genpkey} writes it. */
    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }
}
