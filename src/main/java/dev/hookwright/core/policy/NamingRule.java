package dev.hookwright.core.policy;

import dev.hookwright.core.Keys;
import dev.hookwright.core.naming.JobNames;
import dev.hookwright.core.naming.JobNames.Purpose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code naming}, as the installation's {@link NamingPolicy} says:
 * <ul>
 * <li>release-scoped: every hook Job's name holds its release's name and is at most 63 characters;</li>
 * <li>strict: a migration (or seed) hook is named as hookwright's one name function names it,
 * through {@link JobNames#revisionOf}, so hand-written and synthesized Jobs never drift apart;</li>
 * <li>off: nothing.</li>
 * </ul>
 */
final class NamingRule {
    static final String PATH = "metadata.name";
    /** A Job's name becomes its pods' {@code job-name} label value, and a label value holds 63 characters. */
    static final int MAX_JOB_NAME = 63;

    private NamingRule() {
    }

    static List<Finding> naming(HookJob job, PolicySettings settings) {
        return switch (settings.naming()) {
            case OFF -> List.of();
            case STRICT -> strict(job);
            case RELEASE_SCOPED -> releaseScoped(job);
        };
    }

    private static List<Finding> releaseScoped(HookJob job) {
        String name = job.name();
        List<Finding> findings = new ArrayList<>(2);
        Optional<String> release = job.release();
        if (release.isPresent() && !name.isEmpty() && !holdsRelease(name, release.get())) {
            findings.addAll(Finding.error(Rules.NAMING, PATH, PATH + " is " + Quote.of(name) + ", without release "
                    + Quote.of(release.get()) + ": two releases in one namespace would share it: one deletes the "
                    + "other's hook, or fails with \"already exists\"; prefix it with {{ .Release.Name }}-"));
        }
        if (name.length() > MAX_JOB_NAME) {
            findings.addAll(Finding.error(Rules.NAMING, PATH, PATH + " is " + name.length() + " characters, over "
                    + MAX_JOB_NAME + ": it becomes the pods' job-name label, which holds at most 63, so the Job makes "
                    + "no pod; shorten it, e.g. {{ printf \"%s-migrate\" .Release.Name | trunc 63 | trimSuffix \"-\" }}"));
        }
        return findings;
    }

    /**
     * The release as written, with its dots as dashes (names cannot always carry dots), or the
     * release part of a name hookwright's own name function gives (shortened with a hash).
     */
    private static boolean holdsRelease(String name, String release) {
        return name.contains(release) || name.contains(release.replace('.', '-'))
                || Arrays.stream(Purpose.values()).anyMatch(purpose -> JobNames.revisionOf(name, release, purpose).isPresent());
    }

    private static List<Finding> strict(HookJob job) {
        Optional<Purpose> purpose = MigrationHooks.purposeOf(job);
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
}
