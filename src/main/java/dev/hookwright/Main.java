package dev.hookwright;

import dev.hookwright.cli.Check;
import dev.hookwright.cli.Explain;
import dev.hookwright.cli.Render;
import dev.hookwright.cli.Status;
import dev.hookwright.core.Json;
import dev.hookwright.web.TlsWarmUp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * Entry point of the one jar. {@code check} runs the offline dry run and exits without starting
 * a server (no port, no certificate needed), as do {@code status} and {@code explain}, which read
 * the cluster of the kubeconfig; no arguments or {@code serve} runs the webhook and
 * the controller until stopped.
 */
@QuarkusMain
public final class Main {
    static final String USAGE = """
            Usage: hookwright [serve | check [-f FILE|-] [--namespace N] [--release R] [-o text|json|yaml]]
                   hookwright render [-f FILE|-] [--release R] [--namespace N] [--dialect helm|argocd]
                   hookwright status [-n NS | -A] [-o text|json]
                   hookwright explain deployment/NAME [-n NS]
              serve   run the admission webhooks and the migration controller (the default)
              check   check `helm template` output offline; `check --help` for its options
              render  add opted-in Deployments' migration Jobs to a stream as hooks (a Helm 4 post-renderer)
              status  one line per opted-in Deployment of the cluster; `status --help`
              explain why a Deployment was or was not injected and migrated; `explain --help`
            """;

    private static final String PKCS12_KEY_ROUNDS = "keystore.pkcs12.keyPbeIterationCount";

    Main() {
    }

    public static void main(String... args) {
        // Vert.x and Netty turn the PEM key into an in-memory PKCS12 key store four times at
        // start-up (and again at every certificate reload), and the JDK protects each key with
        // 10,000 rounds of PBKDF2: 15 % of the CPU until the first answer (JFR). Those stores
        // never leave the process and hold a key read from a plain PEM file, so one round does.
        if (System.getProperty(PKCS12_KEY_ROUNDS) == null) {
            System.setProperty(PKCS12_KEY_ROUNDS, "1");
        }
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> {
                Json.prepareInBackground(Deployment.class);
                TlsWarmUp.startInBackground();
                Quarkus.run(rest);
            }
            case "check" -> {
                Json.prepareInBackground(Deployment.class, Job.class);
                System.exit(Check.run(rest));
            }
            case "render" -> {
                Json.prepareInBackground(Deployment.class);
                System.exit(Render.run(rest));
            }
            case "status" -> System.exit(Status.run(rest));
            case "explain" -> System.exit(Explain.run(rest));
            case "help", "-h", "--help" -> System.out.print(USAGE);
            default -> {
                System.err.print("hookwright: unknown command \"" + command + "\"\n" + USAGE);
                System.exit(2);
            }
        }
    }
}
