package dev.hookwright.controller;

import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.function.Supplier;

/**
 * An API call of a reconcile that failed, named by what it did to which object ("create Job
 * shop/shop-migrate-3"), with the API server's short message instead of the client's dump of
 * the request, so the one log line per error says what broke and never carries an object.
 */
public final class StepFailed extends RuntimeException {

    private StepFailed(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    public static <T> T run(String step, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw of(step, e);
        }
    }

    /** The failure of {@code step}, with the API server's short (and redacted) message. */
    public static StepFailed of(String step, Throwable cause) {
        if (cause instanceof KubernetesClientException e) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
            return new StepFailed(step + " failed: HTTP " + e.getCode() + ": " + Redactor.redact(reason), e);
        }
        return new StepFailed(step + (cause == null ? "" : " failed: " + cause.getMessage()), cause);
    }

    public static void run(String step, Runnable call) {
        run(step, () -> {
            call.run();
            return null;
        });
    }
}
