package dev.hookwright.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hookwright.core.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code hookwright.dev/migration-history}: the final outcomes of this Deployment's Jobs (migration
 * and seed), newest first, at most {@link #CAP} entries, as a JSON array of
 * {@code {"job":"<name>","outcome":"Succeeded|Failed|Skipped","at":"<RFC 3339>"}}. A Job name in
 * it is final: it is never created again, whatever the Deployment says later (a rollback, an
 * image revert, a removed rerun token, an Invalid interlude).
 */
public record History(List<Entry> entries) {
    /** Twenty revisions back is further than any rollback a team makes in practice, and keeps the annotation small. */
    public static final int CAP = 20;

    public record Entry(String job, Phase outcome, String at) {
    }

    public History {
        entries = List.copyOf(entries);
    }

    public static History empty() {
        return new History(List.of());
    }

    /** The stored value; a missing or unreadable one reads as empty (and is then rewritten whole). */
    public static History parse(String value) {
        if (value == null || value.isBlank()) {
            return empty();
        }
        try {
            JsonNode array = Json.mapper().readTree(value);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode item : array) {
                String job = item.path("job").asText("");
                Optional<Phase> outcome = phase(item.path("outcome").asText(""));
                if (!job.isEmpty() && outcome.isPresent()) {
                    entries.add(new Entry(job, outcome.get(), item.path("at").asText("")));
                }
            }
            return new History(entries);
        } catch (JsonProcessingException e) {
            return empty();
        }
    }

    private static Optional<Phase> phase(String name) {
        for (Phase phase : Phase.values()) {
            if (phase.isOutcome() && phase.name().equals(name)) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }

    public Optional<Entry> find(String job) {
        return entries.stream().filter(e -> e.job().equals(job)).findFirst();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** With {@code entry} first; unchanged when its Job is already in (an outcome is written once). */
    public History with(Entry entry) {
        if (find(entry.job()).isPresent()) {
            return this;
        }
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        next.add(entry);
        next.addAll(entries);
        return new History(next.size() > CAP ? next.subList(0, CAP) : next);
    }

    /** Whether a Job recorded after {@code job} (nearer the front) succeeded and its name passes {@code sameKind}. */
    public boolean succeededSince(String job, java.util.function.Predicate<String> sameKind) {
        for (Entry entry : entries) {
            if (entry.job().equals(job)) {
                return false;
            }
            if (entry.outcome() == Phase.Succeeded && sameKind.test(entry.job())) {
                return true;
            }
        }
        return false;
    }

    /** An RFC 3339 time as the history (and the API server) writes it; empty when missing or unreadable. */
    public static Optional<java.time.Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(java.time.Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public String toJson() {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Entry entry : entries) {
            array.addObject().put("job", entry.job()).put("outcome", entry.outcome().name()).put("at", entry.at());
        }
        return array.toString();
    }
}
