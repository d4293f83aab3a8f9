package dev.hookwright.core.naming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookwright.core.Dns1123;
import dev.hookwright.core.Json;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one name function of hookwright's Jobs ({@code <release>-migrate-<revision>}). The webhook, the controller, the dry run and the
 * {@code naming} policy rule all go through here, so they can never disagree.
 */
public final class JobNames {
    /** Longest Job name: the Job controller copies it into a pod label, which allows 63. */
    public static final int MAX_NAME = 63;
    public static final int MAX_REVISION = 20;
    /** A revision is a DNS-1123 label, so the Job name stays one. */
    public static final Pattern REVISION = Dns1123.LABEL;
    private static final int HASH_REVISION_LENGTH = 10;
    private static final int SHORT_HASH = 5;

    private JobNames() {
    }

    /**
     * What the Job does: the infix between release and revision, and its container's name.
     * {@code POST_DEPLOY} is the second (contract) phase of an expand / contract migration.
     */
    public enum Purpose {
        MIGRATE("migrate"), SEED("seed"), POST_DEPLOY("postdeploy");

        private final String word;

        Purpose(String word) {
            this.word = word;
        }

        public String infix() {
            return "-" + word + "-";
        }

        /** The name of the Job's one container: {@code kubectl logs job/<name> -c migrate}. */
        public String containerName() {
            return word;
        }
    }

    /**
     * The revision when none is given: a hash over what makes a migration different, so a
     * replica or env change makes no new run, and a new image, command or rerun token does.
     */
    public static String hashRevision(String image, List<String> command, List<String> args, String rerun) {
        ObjectNode canonical = Json.mapper().createObjectNode();
        canonical.put("image", image == null ? "" : image);
        ArrayNode commandNode = canonical.putArray("command");
        command.forEach(commandNode::add);
        ArrayNode argsNode = canonical.putArray("args");
        args.forEach(argsNode::add);
        canonical.put("rerun", rerun == null ? "" : rerun);
        try {
            return Hashes.sha256Hex(Json.mapper().writeValueAsString(canonical), HASH_REVISION_LENGTH);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /** An explicit revision; a rerun token makes it {@code <revision>-<5 hex of sha256(rerun)>}. */
    public static String explicitRevision(String revision, Optional<String> rerun) {
        return rerun.map(token -> revision + "-" + Hashes.sha256Hex(token, SHORT_HASH)).orElse(revision);
    }

    /**
     * {@code R-<purpose>-<revision>}, dots in R turned into dashes; when longer than 63
     * characters, R is cut and {@code -<5 hex of sha256(R)>} appended so distinct releases stay
     * distinct.
     */
    public static String jobName(String release, Purpose purpose, String revision) {
        String prefix = release.replace('.', '-');
        String tail = purpose.infix() + revision;
        if (prefix.length() + tail.length() <= MAX_NAME) {
            return prefix + tail;
        }
        String suffix = "-" + Hashes.sha256Hex(release, SHORT_HASH);
        int keep = MAX_NAME - suffix.length() - tail.length();
        return trimTrailingDashes(prefix.substring(0, keep)) + suffix + tail;
    }

    /**
     * The revision for which {@link #jobName} gives exactly {@code name}, if any: what the
     * {@code naming} policy rule accepts. Revisions carry at most a rerun suffix beyond 20
     * characters.
     */
    public static Optional<String> revisionOf(String name, String release, Purpose purpose) {
        String infix = purpose.infix();
        for (int at = name.indexOf(infix); at >= 0; at = name.indexOf(infix, at + 1)) {
            String revision = name.substring(at + infix.length());
            if (isRevisionShaped(revision) && jobName(release, purpose, revision).equals(name)) {
                return Optional.of(revision);
            }
        }
        return Optional.empty();
    }

    private static boolean isRevisionShaped(String revision) {
        return revision.length() <= MAX_REVISION + 1 + SHORT_HASH && REVISION.matcher(revision).matches();
    }

    /**
     * A label value of at most 63 characters: longer values are cut and suffixed with a short
     * hash of the whole value, like names.
     */
    public static String labelValue(String value) {
        if (value.length() <= MAX_NAME) {
            return value;
        }
        String suffix = "-" + Hashes.sha256Hex(value, SHORT_HASH);
        return trimTrailingSeparators(value.substring(0, MAX_NAME - suffix.length())) + suffix;
    }

    private static String trimTrailingDashes(String text) {
        int end = text.length();
        while (end > 1 && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(0, end);
    }

    /** Label values must end alphanumeric before the suffix dash makes sense to a reader. */
    private static String trimTrailingSeparators(String text) {
        int end = text.length();
        while (end > 1 && "-_.".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }
}
