package dev.hookwright.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;

/**
 * {@code hookwright_tls_certificate_expiry_timestamp_seconds}: when the serving certificate stops
 * being valid. Neither Quarkus nor Vert.x exports it, and an expired certificate takes every
 * webhook down at once (the API server refuses the handshake), so it gets an alert of its own.
 * Read at every scrape from the TLS registry, which the periodic reload keeps current: a rotated
 * certificate shows at once.
 */
@ApplicationScoped
public class CertificateExpiryMetric {
    static final String NAME = "hookwright.tls.certificate.expiry.timestamp.seconds";

    void register(@Observes StartupEvent start, TlsConfigurationRegistry tls, MeterRegistry registry) {
        Gauge.builder(NAME, tls, CertificateExpiryMetric::earliestNotAfter)
                .description("When the earliest leaf certificate the HTTPS listener serves expires, Unix seconds")
                .strongReference(true).register(registry);
    }

    /** The earliest {@code notAfter} of the key store's key entries; NaN (no sample) when none is loaded. */
    static double earliestNotAfter(TlsConfigurationRegistry tls) {
        KeyStore store = tls.getDefault().map(TlsConfiguration::getKeyStore).orElse(null);
        if (store == null) {
            return Double.NaN;
        }
        try {
            return Collections.list(store.aliases()).stream()
                    .map(alias -> leaf(store, alias))
                    .flatMap(Optional::stream)
                    .mapToDouble(certificate -> certificate.getNotAfter().getTime() / 1000.0)
                    .min().orElse(Double.NaN);
        } catch (KeyStoreException e) {
            return Double.NaN;
        }
    }

    private static Optional<X509Certificate> leaf(KeyStore store, String alias) {
        try {
            Certificate[] chain = store.getCertificateChain(alias);
            Certificate first = chain != null && chain.length > 0 ? chain[0] : store.getCertificate(alias);
            return first instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
        } catch (KeyStoreException e) {
            return Optional.empty();
        }
    }
}
