package dev.hookwright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hookwright.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: the whole expected output of a fixture, pinned. Run the tests with
 * {@code -Dgolden.update=true} to rewrite them after an intended change, then read the diff.
 */
public final class Golden {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {
    }

    public static void assertMatches(String resource, JsonNode actual) {
        Path file = Path.of("src/test/resources", resource);
        try {
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Json.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(actual) + "\n");
                if (!UPDATE) {
                    throw new AssertionError("wrote the missing golden file " + file + "; read it, then run again");
                }
                return;
            }
            JsonNode expected = Json.mapper().readTree(file.toFile());
            // Re-read so numbers compare by value, not by the node type (int or long) that made them.
            JsonNode normalized = Json.mapper().readTree(actual.toString());
            assertThat(normalized).as("golden file %s (rewrite with -Dgolden.update=true)", file).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
