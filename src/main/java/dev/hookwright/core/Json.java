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
