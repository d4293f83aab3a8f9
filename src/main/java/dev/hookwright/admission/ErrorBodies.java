package dev.hookwright.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Json;

/** The JSON body of a transport error (400, 413, 415, 500): a status code and a message, nothing more. */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    public static ObjectNode of(int code, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("code", code);
        body.put("message", message);
        return body;
    }
}
