package dev.hookwright.core.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 prefixes, the only hash hookwright puts into names. */
public final class Hashes {
    private Hashes() {
    }

    /** The first {@code length} lower-case hex characters of the SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
