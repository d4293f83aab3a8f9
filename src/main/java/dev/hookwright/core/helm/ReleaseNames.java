package dev.hookwright.core.helm;

import dev.hookwright.core.Dns1123;

/** Helm's own rule for release names (Helm 3 and 4: {@code chartutil.ValidateReleaseName}). */
public final class ReleaseNames {
    public static final int MAX_LENGTH = 53;

    public static final String ACCEPTED = "a Helm release name: at most 53 characters of lower-case "
            + "letters, digits, '-' and '.', starting and ending with a letter or digit";

    private ReleaseNames() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && Dns1123.SUBDOMAIN.matcher(name).matches();
    }
}
