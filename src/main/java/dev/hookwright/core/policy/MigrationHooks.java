package dev.hookwright.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookwright.core.Keys;
import dev.hookwright.core.naming.JobNames.Purpose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which hook Jobs run a database migration (or a seed): by the component label, by the name, or
 * by what the containers run. Real charts name their migration Jobs anything
 * ({@code migration-job}, {@code db-init}, {@code schema}), so the command tells more than the name.
 */
public final class MigrationHooks {
    private static final String SEED_COMPONENT = "seed";
    /** Legacy charts label objects {@code component: migrator}. */
    private static final String LEGACY_COMPONENT_LABEL = "component";
    /**
     * Migration tools as their command lines name them: Rails, Django, Flyway, Liquibase, Alembic,
     * Prisma, Knex, schema tools ({@code setup-schema}, {@code update-schema}), and anything that
     * says "migrat" ({@code -mode=migrate}, {@code migrate.mjs}).
     */
    private static final Pattern TOOL = Pattern.compile("db:migrate|manage\\.py\\s+migrate|flyway|liquibase|alembic"
            + "|prisma\\s+migrate|knex\\s+migrate|(setup|update|upgrade)-schema|migrat");

    private MigrationHooks() {
    }

    /** Whether the raw Job runs a migration. */
    public static boolean isMigration(JsonNode job) {
        return purposeOf(HookJob.of(job)).filter(purpose -> purpose == Purpose.MIGRATE).isPresent();
    }

    /** A migration hook, a seed hook, or neither. */
    static Optional<Purpose> purposeOf(HookJob job) {
        List<String> components = new ArrayList<>(2);
        job.label(Keys.COMPONENT).ifPresent(components::add);
        job.label(LEGACY_COMPONENT_LABEL).ifPresent(components::add);
        if (components.stream().anyMatch(c -> c.equals(Keys.COMPONENT_MIGRATIONS) || c.contains("migrat"))) {
            return Optional.of(Purpose.MIGRATE);
        }
        if (components.contains(SEED_COMPONENT)) {
            return Optional.of(Purpose.SEED);
        }
        if (job.name().contains("migrat") || TOOL.matcher(whatItRuns(job.node())).find()) {
            return Optional.of(Purpose.MIGRATE);
        }
        return Optional.empty();
    }

    /** Images, container names, commands and args of every container, lower-cased, space-separated. */
    static String whatItRuns(JsonNode job) {
        StringBuilder text = new StringBuilder();
        JsonNode podSpec = job.path("spec").path("template").path("spec");
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : podSpec.path(list)) {
                text.append(' ').append(container.path("name").asText(""));
                text.append(' ').append(container.path("image").asText(""));
                for (String field : List.of("command", "args")) {
                    for (JsonNode word : container.path(field)) {
                        text.append(' ').append(word.asText(""));
                    }
                }
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
