package dev.hookwright.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Helm 4 binary built by {@code test/cluster/build.sh}, with its cache, config and data
 * directories under the run's directory (a user's own Helm set-up is never read or changed) and
 * the admin kubeconfig. Every call is appended to {@code target/e2e/helm.log}.
 */
final class HelmCli {
    private final Path binary;
    private final Path home;
    private final Path kubeconfig;
    private final Path log;
    private final Map<String, String> extraEnv;

    HelmCli(Path binary, Path home, Path kubeconfig, Path log, Map<String, String> extraEnv) {
        this.binary = binary;
        this.home = home;
        this.kubeconfig = kubeconfig;
        this.log = log;
        this.extraEnv = Map.copyOf(extraEnv);
    }

    record Result(int exitCode, String stdout, String stderr) {
        Result orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + ":\n" + stderr + "\n" + stdout
                        + E2eCluster.diagnostics());
            }
            return this;
        }
    }

    /** Runs {@code helm args...} with a bound on its run time (Helm's own --timeout should fire first). */
    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        if (!List.of(args).contains("--kubeconfig") && !"template".equals(args[0]) && !"plugin".equals(args[0])) {
            command.add("--kubeconfig");
            command.add(kubeconfig.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
        env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
        env.put("HELM_DATA_HOME", home.resolve("data").toString());
        // Helm's default place under HELM_DATA_HOME: `helm plugin install <dir>` (Helm 4.3) links a local
        // plugin there whatever HELM_PLUGINS says, while --post-renderer looks it up in HELM_PLUGINS.
        env.put("HELM_PLUGINS", home.resolve("data").resolve("plugins").toString());
        env.putAll(extraEnv);
        try {
            Path out = Files.createTempFile(home, "helm", ".out");
            Path err = Files.createTempFile(home, "helm", ".err");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("helm " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.writeString(log, "$ helm " + String.join(" ", args) + "\nexit " + result.exitCode() + "\n"
                    + result.stdout() + result.stderr() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
