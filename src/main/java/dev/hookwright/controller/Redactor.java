package dev.hookwright.controller;

import dev.hookwright.core.Text;

import java.util.regex.Pattern;

/**
 * Makes text from a migration pod fit for an Event, a log line or an annotation: credentials
 * replaced, at most 1 KiB. Termination messages fall back to the log tail, where connection
 * strings and secrets end up. It masks generously: a masked word too many costs less than one
 * password in {@code kubectl describe}.
 */
public final class Redactor {
    /** Events are read by everyone who may {@code kubectl describe}: keep them short. */
    public static final int MAX_BYTES = 1024;
    static final String MASK = "***";
    private static final String ELLIPSIS = "…";

    /** The words that make a name secret: {@code DB_PASSWORD}, {@code PGPASSWORD}, {@code api_key}, {@code client_secret} … */
    private static final String SECRET_NAME = "[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|key|credential)[A-Za-z0-9_.-]*";

    /**
     * {@code scheme://user:password@host}: the password goes, the user and host stay for debugging.
     * The password may itself hold {@code /}, {@code +} and {@code @}: the last {@code @} before
     * the host (no {@code @}, {@code /} or space) ends it.
     */
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*://[^:/@\\s]*):\\S+@(?=[^@/\\s]+)");
    /** {@code Authorization: Bearer …}, {@code Basic …}: the credential goes, the scheme stays. */
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    /** {@code Authorization: <token>} without a scheme. */
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(authorization[\"']?\\s*[=:]\\s*)(?!\\s*(?:bearer|basic)\\b)[^\\s\"']+");
    /** {@code --password X}, {@code --password=X}, {@code --db-token X}. */
    private static final Pattern FLAG = Pattern.compile("(?i)(--?" + SECRET_NAME + "(?:=|\\s+))(?![-\\s])(?:\"[^\"]*\"|'[^']*'|[^\\s\"']+)");
    /** {@code password="two words"}, {@code "token": "…"}. */
    private static final Pattern QUOTED_VALUE = Pattern.compile(
            "(?i)(" + SECRET_NAME + "[\"']?\\s*[=:]\\s*)([\"'])[^\"']*\\2");
    /** {@code PGPASSWORD=…}, {@code DB_PASSWORD: …}, {@code token=…&}, {@code client_secret=…;}. */
    private static final Pattern PLAIN_VALUE = Pattern.compile(
            "(?i)(" + SECRET_NAME + "\\s*[=:]\\s*)(?![\"'\\s])[^\\s\"'&;,]+");
    /** AWS access key ids. */
    private static final Pattern AWS_ACCESS_KEY = Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b");
    /** JSON Web Tokens: three base64url parts, the first a JSON header. */
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null) {
            return "";
        }
        String masked = URL_CREDENTIALS.matcher(text).replaceAll("$1:" + MASK + "@");
        masked = JWT.matcher(masked).replaceAll(MASK);
        masked = AUTH_SCHEME.matcher(masked).replaceAll("$1 " + MASK);
        masked = AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
        masked = FLAG.matcher(masked).replaceAll("$1" + MASK);
        masked = QUOTED_VALUE.matcher(masked).replaceAll("$1$2" + MASK + "$2");
        masked = PLAIN_VALUE.matcher(masked).replaceAll("$1" + MASK);
        masked = AWS_ACCESS_KEY.matcher(masked).replaceAll(MASK);
        return truncate(masked, MAX_BYTES);
    }

    /** At most {@code maxBytes} of UTF-8, cut on a code point boundary, marked with an ellipsis when cut. */
    public static String truncate(String text, int maxBytes) {
        return Text.shortenUtf8(text, maxBytes, ELLIPSIS);
    }
}
