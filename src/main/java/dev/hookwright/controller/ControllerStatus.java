package dev.hookwright.controller;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the controller's health check shows: on or off and why, leadership, the last API error. */
public final class ControllerStatus {
    private volatile String mode = "starting";
    private volatile String reason = "";
    private volatile boolean leading;
    private volatile String leader = "";
    private volatile String lastError = "";
    private volatile Instant lastErrorAt;
    private volatile Instant lastSuccessAt;

    public void off(String why) {
        mode = "off";
        reason = why;
        leading = false;
    }

    public void running(String identity) {
        mode = "running";
        reason = "identity " + identity;
    }

    public void leading(boolean isLeading) {
        leading = isLeading;
    }

    public void leader(String identity) {
        leader = identity == null ? "" : identity;
    }

    public void apiError(String where, Throwable error) {
        lastError = where + ": " + error.getClass().getSimpleName() + ": " + error.getMessage();
        lastErrorAt = Instant.now();
    }

    public void apiSuccess() {
        lastSuccessAt = Instant.now();
    }

    public boolean isLeading() {
        return leading;
    }

    public boolean isOff() {
        return "off".equals(mode);
    }

    /** Healthy unless the latest API call failed and none has succeeded since. */
    public boolean isHealthy() {
        Instant error = lastErrorAt;
        Instant success = lastSuccessAt;
        return error == null || (success != null && success.isAfter(error));
    }

    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mode", mode);
        data.put("reason", reason);
        data.put("leading", leading);
        data.put("leader", leader);
        data.put("lastApiError", lastError);
        data.put("lastApiErrorAt", lastErrorAt == null ? "" : lastErrorAt.toString());
        data.put("lastApiSuccessAt", lastSuccessAt == null ? "" : lastSuccessAt.toString());
        return data;
    }
}
