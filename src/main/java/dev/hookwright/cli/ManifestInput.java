package dev.hookwright.cli;

import dev.hookwright.core.InputLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code check} and {@code render} read their manifest stream from: {@code -f FILE}, a
 * positional {@code FILE}, or {@code -} (standard input, the default), at most the server's body
 * limit, so a stream the webhook would refuse is refused offline too.
 */
final class ManifestInput {
    private ManifestInput() {
    }

    /** The stream cannot be read at all; the message names the source in the user's words. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    static byte[] read(String source, InputStream stdin) {
        try (InputStream in = "-".equals(source) ? null : Files.newInputStream(Path.of(source))) {
            byte[] bytes = (in == null ? stdin : in).readNBytes(InputLimits.MAX_INPUT_BYTES + 1);
            if (bytes.length > InputLimits.MAX_INPUT_BYTES) {
                throw new Unreadable(name(source) + ": larger than the " + InputLimits.MAX_INPUT_SHOWN + " limit");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new Unreadable(source + ": no such file");
        } catch (IOException e) {
            throw new Unreadable(name(source) + ": " + e.getMessage());
        }
    }

    static String name(String source) {
        return "-".equals(source) ? "standard input" : source;
    }

    /** A flag given as {@code --release ""} counts as not given. */
    static Optional<String> nonEmpty(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }
}
