package dev.hookwright.core;

import java.util.regex.Pattern;

/**
 * Kubernetes' two name shapes (RFC 1123): a label (namespaces, Job revisions) and a subdomain
 * (most object names; Helm release names follow it too, with their own length limit).
 */
public final class Dns1123 {
    public static final int MAX_LABEL = 63;
    public static final int MAX_SUBDOMAIN = 253;
    /** Lower-case letters, digits and '-', starting and ending with a letter or digit. */
    public static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** Labels joined by '.'. */
    public static final Pattern SUBDOMAIN = Pattern.compile(LABEL.pattern() + "(\\." + LABEL.pattern() + ")*");

    private Dns1123() {
    }

    public static boolean isLabel(String text) {
        return text != null && text.length() <= MAX_LABEL && LABEL.matcher(text).matches();
    }

    public static boolean isSubdomain(String text) {
        return text != null && text.length() <= MAX_SUBDOMAIN && SUBDOMAIN.matcher(text).matches();
    }
}
