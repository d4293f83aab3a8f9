package dev.hookwright.core.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a revision's first phase (its migration Job), as the controller's records on
 * the Deployment tell it: {@code hookwright.dev/migration-history} (final outcomes with their
 * time, newest first) or, before the history has it, {@code hookwright.dev/migration-status}.
 *
 * @param outcome    what became of the migration Job
 * @param finishedAt when it ended, when the history says
 */
public record FirstPhase(Outcome outcome, Optional<Instant> finishedAt) {
    public static final String MIGRATION_HISTORY = Keys.PREFIX + "migration-history";

    public enum Outcome {
        /** No final outcome recorded yet (not started, pending, running, waiting). */
        NOT_FINISHED,
        SUCCEEDED,
        /** {@code hookwright.dev/skip}: recorded as migrated without running anything. */
        SKIPPED,
        FAILED
    }

    public static FirstPhase notFinished() {
        return new FirstPhase(Outcome.NOT_FINISHED, Optional.empty());
    }

    /** Whether the schema is expanded for this revision, so its contract phase may follow. */
    public boolean letsPostDeployRun() {
        return outcome == Outcome.SUCCEEDED || outcome == Outcome.SKIPPED;
    }

    /**
     * @param annotations  the Deployment's annotations
     * @param migrationJob the revision's migration Job name
     */
    public static FirstPhase of(Map<String, String> annotations, String migrationJob) {
        if (annotations == null) {
            return notFinished();
        }
        return fromHistory(annotations.get(MIGRATION_HISTORY), migrationJob)
                .or(() -> fromRecord(annotations.get(Keys.MIGRATION_STATUS), migrationJob))
                .orElse(notFinished());
    }

    /** An unreadable history is no evidence: the record still speaks. */
    private static Optional<FirstPhase> fromHistory(String history, String migrationJob) {
        if (history == null) {
            return Optional.empty();
        }
        JsonNode entries;
        try {
            entries = Json.mapper().readTree(history);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (entries == null || !entries.isArray()) {
            return Optional.empty();
        }
        for (JsonNode entry : entries) {
            if (migrationJob.equals(entry.path("job").asText(null))) {
                Optional<Outcome> outcome = outcome(entry.path("outcome").asText(""));
                if (outcome.isPresent()) {
                    return Optional.of(new FirstPhase(outcome.get(), instant(entry.path("at").asText(null))));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code "<job> <phase>"}; only a final phase of this very Job counts. */
    private static Optional<FirstPhase> fromRecord(String record, String migrationJob) {
        if (record == null) {
            return Optional.empty();
        }
        String[] parts = record.trim().split(" +");
        if (parts.length != 2 || !parts[0].equals(migrationJob)) {
            return Optional.empty();
        }
        return outcome(parts[1]).map(outcome -> new FirstPhase(outcome, Optional.empty()));
    }

    private static Optional<Outcome> outcome(String phase) {
        return switch (phase) {
            case "Succeeded" -> Optional.of(Outcome.SUCCEEDED);
            case "Skipped" -> Optional.of(Outcome.SKIPPED);
            case "Failed" -> Optional.of(Outcome.FAILED);
            default -> Optional.empty();
        };
    }

    private static Optional<Instant> instant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
