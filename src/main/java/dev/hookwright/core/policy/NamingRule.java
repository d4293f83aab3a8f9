package dev.hookwright.core.policy;

import dev.hookwright.core.Keys;
import dev.hookwright.core.naming.JobNames;
import dev.hookwright.core.naming.JobNames.Purpose;

import java.util.List;
import java.util.Optional;

/**
 * {@code naming}: a migration (or seed) hook is named as hookwright's one name function names
 * it, so hand-written and synthesized Jobs of a release can never collide or drift apart. The
 * rule accepts exactly {@link JobNames#jobName}'s output, through {@link JobNames#revisionOf}.
 */
final class NamingRule {
    static final String PATH = "metadata.name";

    private NamingRule() {
    }

    static List<Finding> naming(HookJob job, PolicySettings settings) {
        Optional<Purpose> purpose = purposeOf(job);
        if (purpose.isEmpty()) {
            return List.of();
        }
        String name = job.name();
        String infix = purpose.get().infix();
        Optional<String> instance = job.label(Keys.INSTANCE).filter(release -> !release.isBlank());
        if (instance.isPresent()
                ? JobNames.revisionOf(name, instance.get(), purpose.get()).isPresent()
                : namedForSomeRelease(name, purpose.get())) {
            return List.of();
        }
        String expected = instance.map(release -> Quote.of(JobNames.jobName(release, purpose.get(), "<revision>")))
                .orElse("<release>" + infix + "<revision>");
        String why = instance.isPresent() ? "release " + Quote.of(instance.get()) + " names it " + expected
                : name.contains(infix) ? "it is not " + expected : "it has no " + infix + "<revision>";
        return Finding.error(Rules.NAMING, PATH, PATH + " is " + Quote.of(name) + " but " + why
                + "; name it {{ .Release.Name }}" + infix + "{{ .Release.Revision }}");
    }

    /** Without an instance label the release is the part before the infix, wherever it occurs. */
    private static boolean namedForSomeRelease(String name, Purpose purpose) {
        String infix = purpose.infix();
        for (int at = name.indexOf(infix); at > 0; at = name.indexOf(infix, at + 1)) {
            if (JobNames.revisionOf(name, name.substring(0, at), purpose).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** A migration hook by its component label or its name; a seed hook by its component label. */
    static Optional<Purpose> purposeOf(HookJob job) {
        Optional<String> component = job.label(Keys.COMPONENT);
        if (component.filter(Keys.COMPONENT_MIGRATIONS::equals).isPresent()) {
            return Optional.of(Purpose.MIGRATE);
        }
        if (component.filter(Keys.COMPONENT_SEED::equals).isPresent()) {
            return Optional.of(Purpose.SEED);
        }
        return job.name().contains("migrat") ? Optional.of(Purpose.MIGRATE) : Optional.empty();
    }
}
