package dev.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.controller.MigrationStatus;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The controller's records on a Deployment, read for a person: statuses, when each was written, message, history. */
final class Records {
    /** The three status records, in the order their Jobs run, with the word a person uses for each. */
    enum Step {
        MIGRATION("migration", "", Keys.MIGRATION_STATUS),
        SEED("seed", "Seed:", Keys.SEED_STATUS),
        POST_DEPLOY("post-deploy", "PostDeploy:", Keys.POST_DEPLOY_STATUS);

        final String word;
        /** Prefix of the PHASE column when this step, not the migration, is the one to look at (as kubectl's {@code Init:}). */
        final String phasePrefix;
        final String key;

        Step(String word, String phasePrefix, String key) {
            this.word = word;
            this.phasePrefix = phasePrefix;
            this.key = key;
        }
    }

    /** One entry of {@code hookwright.dev/migration-history}. */
    record HistoryEntry(String job, String outcome, String at) {
    }

    private Records() {
    }

    static Map<String, String> annotations(Deployment deployment) {
        return Optional.ofNullable(deployment.getMetadata().getAnnotations()).orElse(Map.of());
    }

    static Map<String, String> labels(Deployment deployment) {
        return Optional.ofNullable(deployment.getMetadata().getLabels()).orElse(Map.of());
    }

    static Optional<MigrationStatus> status(Deployment deployment, Step step) {
        return MigrationStatus.parse(annotations(deployment).get(step.key));
    }

    static Optional<String> message(Deployment deployment) {
        return Optional.ofNullable(annotations(deployment).get(Keys.MIGRATION_MESSAGE)).filter(m -> !m.isBlank());
    }

    /**
     * When the annotation {@code key} was last written: the API server stamps every field
     * manager's entry in {@code managedFields} with the time of its last change. The
     * controller is the only writer of its records, so this is when the phase was recorded
     * (or, at worst, a later write of the same manager).
     */
    static Optional<Instant> writtenAt(Deployment deployment, String key) {
        List<ManagedFieldsEntry> entries = Optional.ofNullable(deployment.getMetadata().getManagedFields()).orElse(List.of());
        return entries.stream()
                .filter(entry -> entry.getTime() != null && entry.getFieldsV1() != null)
                .filter(entry -> Json.mapper().valueToTree(entry.getFieldsV1())
                        .path("f:metadata").path("f:annotations").has("f:" + key))
                .map(entry -> parseTime(entry.getTime()))
                .flatMap(Optional::stream)
                .max(Instant::compareTo);
    }

    /** The history, newest first as stored; empty when there is none; an error message when it cannot be read. */
    static History history(Deployment deployment) {
        String value = annotations(deployment).get(Keys.MIGRATION_HISTORY);
        if (value == null || value.isBlank()) {
            return new History(List.of(), Optional.empty());
        }
        try {
            JsonNode array = Json.mapper().readTree(value);
            if (array == null || !array.isArray()) {
                return new History(List.of(), Optional.of("not a JSON array"));
            }
            List<HistoryEntry> entries = new ArrayList<>();
            for (JsonNode entry : array) {
                entries.add(new HistoryEntry(entry.path("job").asText("?"), entry.path("outcome").asText("?"),
                        entry.path("at").asText("?")));
            }
            return new History(List.copyOf(entries), Optional.empty());
        } catch (Exception e) {
            return new History(List.of(), Optional.of("not valid JSON"));
        }
    }

    record History(List<HistoryEntry> entries, Optional<String> unreadable) {
    }

    static Optional<Instant> parseTime(String rfc3339) {
        try {
            return Optional.of(Instant.parse(rfc3339));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
