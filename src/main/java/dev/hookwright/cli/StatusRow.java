package dev.hookwright.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.controller.MigrationStatus;
import dev.hookwright.core.Json;
import dev.hookwright.core.Keys;
import dev.hookwright.core.helm.Release;
import dev.hookwright.core.helm.ReleaseDetector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code hookwright status}: the migration's record, or the seed's or post-deploy's
 * when that is the step with a problem (PHASE then reads {@code Seed:Failed}, as kubectl prints
 * {@code Init:Error}).
 */
record StatusRow(String namespace, String name, Optional<String> release, Optional<String> job, Optional<String> phase,
                 Optional<Instant> since, Optional<String> message, Optional<Problems.Problem> problem) {

    static StatusRow of(Deployment deployment, List<Job> jobs, Instant now, Duration waitingLimit) {
        Optional<Problems.Problem> problem = Problems.first(deployment, jobs, now, waitingLimit);
        Records.Step step = problem.map(Problems.Problem::step).orElse(Records.Step.MIGRATION);
        Optional<MigrationStatus> status = Records.status(deployment, step);
        Optional<String> job = status.map(MigrationStatus::jobName)
                .or(() -> Optional.ofNullable(Records.annotations(deployment).get(Keys.MIGRATION_JOB)));
        Optional<Instant> since = Records.writtenAt(deployment, step.key)
                .or(() -> job.flatMap(name -> Problems.job(jobs, name))
                        .flatMap(j -> Records.parseTime(j.getMetadata().getCreationTimestamp())));
        Optional<String> message = problem.filter(p -> p.kind() == Problems.Kind.STUCK).map(Problems.Problem::reason)
                .or(() -> Records.message(deployment))
                .or(() -> problem.map(Problems.Problem::reason));
        return new StatusRow(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName(),
                ReleaseDetector.detect(Records.annotations(deployment), Records.labels(deployment), Optional.empty())
                        .map(Release::name),
                job, status.map(s -> step.phasePrefix + s.phase().name()), since, message, problem);
    }

    List<String> cells(Instant now) {
        return List.of(namespace, name, release.orElse("-"), job.orElse("-"), phase.orElse("-"),
                since.map(s -> Age.of(Duration.between(s, now))).orElse("-"), message.map(StatusRow::oneLine).orElse(""));
    }

    ObjectNode json() {
        ObjectNode row = Json.mapper().createObjectNode();
        row.put("namespace", namespace);
        row.put("name", name);
        row.put("release", release.orElse(null));
        row.put("job", job.orElse(null));
        row.put("phase", phase.orElse(null));
        row.put("since", since.map(Instant::toString).orElse(null));
        row.put("message", message.orElse(null));
        problem.ifPresentOrElse(p -> row.putObject("problem").put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("step", p.step().word).put("reason", p.reason()), () -> row.putNull("problem"));
        return row;
    }

    /** A table cell: one line, and short enough that the table stays readable; json keeps the whole text. */
    static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }
}
