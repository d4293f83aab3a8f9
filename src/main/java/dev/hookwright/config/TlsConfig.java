package dev.hookwright.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code hookwright.tls.*}: the serving certificate. Quarkus reads these through
 * {@code quarkus.tls.*} in application.properties; the mapping documents them and checks their
 * types at start-up.
 */
@ConfigMapping(prefix = "hookwright.tls")
public interface TlsConfig {

    /** PEM certificate chain (env {@code HOOKWRIGHT_TLS_CERT}). */
    @WithDefault("certs/dev/tls.crt")
    String cert();

    /** PEM private key (env {@code HOOKWRIGHT_TLS_KEY}). */
    @WithDefault("certs/dev/tls.key")
    String key();

    /** How often the files are read again, so a rotated certificate is served without a restart. */
    @WithDefault("30s")
    Duration reloadPeriod();
}
