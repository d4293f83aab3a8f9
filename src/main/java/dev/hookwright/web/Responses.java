package dev.hookwright.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.admission.AdmissionEndpoint;
import dev.hookwright.core.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Serializes answers with the engine's one ObjectMapper. */
final class Responses {
    private Responses() {
    }

    static Response json(AdmissionEndpoint.Answer answer) {
        return json(answer.httpStatus(), answer.body());
    }

    static Response json(int status, JsonNode body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Json.mapper().writeValueAsBytes(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
