package dev.hookwright.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one configured ObjectMapper of the engine. fabric8 model classes are plain Jackson beans,
 * so they need nothing more; unknown fields land in their additionalProperties.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    /** Jackson appends where the input came from, which means nothing to whoever sent it. */
    private static final String SOURCE_DESCRIPTION = " (start marker at [Source";

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Builds the mapper's deserializers for {@code types} on a daemon thread. Jackson builds a
     * bean deserializer, by reflection over its whole type graph, the first time a type is
     * read: for a fabric8 Deployment that was most of the CPU between start-up and the first
     * answer (JFR). Done beside start-up, on the second core, it is ready when the first
     * review arrives; a failure here only means the first request builds them itself.
     */
    public static void prepareInBackground(Class<?>... types) {
        Thread thread = new Thread(() -> {
            for (Class<?> type : types) {
                try {
                    MAPPER.readValue("{}", type);
                } catch (Exception | LinkageError e) {
                    // Nothing to do: the first real read builds what is missing.
                }
            }
        }, "hookwright-json-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A Jackson (or SnakeYAML) message fit for the sender of the input: its first line, without
     * the description of the input source; {@code "unreadable"} when there is none.
     */
    public static String readableMessage(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        int source = line.indexOf(SOURCE_DESCRIPTION);
        return source < 0 ? line : line.substring(0, source);
    }
}
