package dev.hookwright.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short commands of the harness (the PKI and build scripts); output is returned, failures say why. */
final class Shell {
    private Shell() {
    }

    static String run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; output:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
