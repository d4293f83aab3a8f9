package dev.hookwright.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the server under test at the generated test certificate. Applies to every {@code @QuarkusTest}. */
@QuarkusTestResource(TlsTestResource.class)
public class TlsTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of(
                "hookwright.tls.cert", TestCertificates.cert().toString(),
                "hookwright.tls.key", TestCertificates.key().toString());
    }

    @Override
    public void stop() {
    }
}
