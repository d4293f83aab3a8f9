package dev.hookwright.core.helm;

import java.util.regex.Pattern;

/** Helm's own rule for release names (Helm 3 and 4: {@code chartutil.ValidateReleaseName}). */
public final class ReleaseNames {
    public static final int MAX_LENGTH = 53;
    private static final Pattern VALID =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public static final String ACCEPTED = "a Helm release name: at most 53 characters of lower-case "
            + "letters, digits, '-' and '.', starting and ending with a letter or digit";

    private ReleaseNames() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }
}
