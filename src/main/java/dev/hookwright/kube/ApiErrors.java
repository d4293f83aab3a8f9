package dev.hookwright.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** HTTP status codes of the API server that the controller treats as answers, not failures. */
public final class ApiErrors {
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;

    private ApiErrors() {
    }

    /** Whether {@code error}, or an error it wraps, is the API server's answer {@code code}. */
    public static boolean is(Throwable error, int code) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof KubernetesClientException k && k.getCode() == code) {
                return true;
            }
        }
        return false;
    }
}
