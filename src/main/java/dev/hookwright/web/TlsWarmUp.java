package dev.hookwright.web;

import javax.crypto.KeyAgreement;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * The cryptography of a TLS 1.3 handshake, run once beside start-up. The JDK builds the tables
 * of P-256 arithmetic and sets up its providers on first use: about 150 ms of one core
 * (measured on JDK 25) that the API server's first handshake would otherwise wait for. Done
 * on a daemon thread while Quarkus starts on the other core; a failure only means the first
 * handshake does it itself.
 */
public final class TlsWarmUp {
    private TlsWarmUp() {
    }

    public static void startInBackground() {
        Thread thread = new Thread(TlsWarmUp::run, "hookwright-tls-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            // The server's signature with an ECDSA P-256 key, as certs/generate.sh and cert-manager make.
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(ec.generateKeyPair().getPrivate());
            signature.update(new byte[32]);
            signature.sign();
            // The key exchange: X25519, the group clients offer first.
            KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519");
            KeyPair ours = x25519.generateKeyPair();
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(ours.getPrivate());
            agreement.doPhase(x25519.generateKeyPair().getPublic(), true);
            agreement.generateSecret();
        } catch (GeneralSecurityException | RuntimeException e) {
            // Nothing to do: the first handshake sets up what is missing.
        }
    }
}
