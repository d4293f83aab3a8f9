package dev.hookwright.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.admission.ErrorBodies;
import dev.hookwright.core.InputLimits;
import dev.hookwright.core.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * What every endpoint of the webhook port shares: POST only, the body limit, and every error
 * a JSON body of {@code code} and {@code message} (never a stack trace, never an HTML page).
 */
final class Routes {
    private static final Logger LOG = Logger.getLogger(Routes.class);
    static final String JSON = "application/json";

    private Routes() {
    }

    /**
     * A POST route at {@code path} with its body read whole, up to the limit; any other method is
     * a 405. The caller adds the handler.
     */
    static Route post(Router router, String path) {
        // A route of its own, before the next: Vert.x runs a route's body handler before its others.
        router.post(path).handler(Routes::readAsBytes);
        Route route = router.post(path)
                // The same limit as quarkus.http.limits.max-body-size, for a body sent without a length.
                .handler(BodyHandler.create(false).setBodyLimit(InputLimits.MAX_INPUT_BYTES))
                .failureHandler(Routes::failed);
        // Reached by every method but POST, which the route above answers.
        router.route(path).handler(context -> {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            send(context, 405, ErrorBodies.of(405, "Method Not Allowed"));
        });
        return route;
    }

    /**
     * Every body is bytes to the webhook. A form content type (curl's default for
     * {@code --data-binary}: {@code helm template … | curl --data-binary @- …/dry-run}) would
     * make the body handler decode the body as a form and refuse a stream that is none, so it is
     * read as what it is.
     */
    private static void readAsBytes(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/")) {
                context.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
            }
        }
        context.next();
    }

    /** The request body; empty when there was none. */
    static byte[] body(RoutingContext context) {
        Buffer received = context.body().buffer();
        return received == null ? new byte[0] : received.getBytes();
    }

    static void send(RoutingContext context, int status, JsonNode body) {
        try {
            send(context, status, JSON, Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static void send(RoutingContext context, int status, String contentType, byte[] body) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .end(Buffer.buffer(body));
    }

    /** A body over the limit (413) or a failure the handler did not answer itself. */
    private static void failed(RoutingContext context) {
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (context.failure() != null && status == 500) {
            LOG.error("unexpected error", context.failure());
        }
        if (context.response().headWritten()) {
            context.response().close();
            return;
        }
        send(context, status, ErrorBodies.of(status, status == 413 ? "Request Entity Too Large"
                : status == 500 ? "internal error; see the webhook's log" : "HTTP " + status));
    }
}
