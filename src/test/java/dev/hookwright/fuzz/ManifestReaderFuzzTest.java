package dev.hookwright.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookwright.core.manifest.Manifest;
import dev.hookwright.core.manifest.ManifestException;
import dev.hookwright.core.manifest.ManifestReader;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML/JSON stream reader of the dry run and {@code hookwright check} on any bytes: manifests
 * that are Kubernetes objects, or a {@link ManifestException}, nothing else.
 * Seeds: src/test/resources/dev/hookwright/fuzz/ManifestReaderFuzzTestInputs/.
 */
class ManifestReaderFuzzTest {

    @FuzzTest(maxDuration = "90s")
    void anyStream(byte[] body) {
        List<Manifest> manifests;
        try {
            manifests = ManifestReader.read(body);
        } catch (ManifestException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(manifests).isNotEmpty();
        for (Manifest manifest : manifests) {
            assertThat(manifest.object().isObject()).isTrue();
            assertThat(manifest.object().path("kind").asText()).isNotEmpty();
            assertThat(manifest.object().path("apiVersion").asText()).isNotEmpty();
        }
    }
}
