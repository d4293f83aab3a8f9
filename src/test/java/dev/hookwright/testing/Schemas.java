package dev.hookwright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The strict Kubernetes v1.36 JSON Schemas (copied from shared/schemas; see schemas/SOURCE.md). */
public final class Schemas {
    public static final String JOB = "job-batch-v1.json";
    public static final String DEPLOYMENT = "deployment-apps-v1.json";
    public static final String MUTATING_WEBHOOK = "mutatingwebhookconfiguration-admissionregistration-v1.json";
    public static final String VALIDATING_WEBHOOK = "validatingwebhookconfiguration-admissionregistration-v1.json";
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    public static Set<String> violations(String schema, JsonNode object) {
        JsonSchema loaded = LOADED.computeIfAbsent(schema, Schemas::load);
        return loaded.validate(object).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    /** Fails the test with every schema violation of {@code object}. */
    public static void assertValid(String schema, JsonNode object) {
        assertThat(violations(schema, object)).as("violations of the strict schema %s", schema).isEmpty();
    }

    public static void assertValidJob(JsonNode job) {
        assertValid(JOB, job);
    }

    private static JsonSchema load(String name) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no schema /schemas/" + name);
            }
            // The files name the draft-less meta-schema URI, which the validator would fetch; they are draft 7.
            com.fasterxml.jackson.databind.node.ObjectNode schema =
                    (com.fasterxml.jackson.databind.node.ObjectNode) dev.hookwright.core.Json.mapper().readTree(in);
            schema.remove("$schema");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
