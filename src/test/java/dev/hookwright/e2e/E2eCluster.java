package dev.hookwright.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real control plane on loopback, started once per test JVM and shared by every story:
 * etcd, kube-apiserver (RBAC, the default admission plugins with both webhook plugins and
 * ValidatingAdmissionPolicy, service-account tokens), kube-controller-manager (job,
 * ttl-after-finished, deployment, replicaset, garbage-collector, serviceaccount, the admission
 * policy status controller), the packaged
 * hookwright jar running as the chart's own ServiceAccount, bound to the chart's own ClusterRole
 * and Role, its webhooks registered from the chart's rendered configurations, and a
 * {@link FakeKubelet} in place of the kubelet. All state and logs live under {@code target/e2e/}.
 */
final class E2eCluster implements AutoCloseable {
    static final String HOOKWRIGHT_NAMESPACE = "hookwright";
    static final String HOOKWRIGHT_RELEASE = "hookwright";
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path EXAMPLE_CHART = REPO.resolve("deploy/examples/supernova-server");
    /**
     * Finished migration Jobs are removed after this many seconds instead of the shipped 300, so
     * the TTL controller's deletion happens within a test.
     */
    static final int JOB_TTL_SECONDS = 5;
    private static final Duration START = Duration.ofMinutes(3);
    private static final YAMLMapper YAML = new YAMLMapper();
    /** What the chart renders that a cluster-external hookwright needs: its identity, its rights, its webhooks. */
    private static final Set<String> CHART_KINDS = Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
            "RoleBinding", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");

    private static volatile E2eCluster current;
    private static RuntimeException startFailure;

    final Path dir;
    final Path bin;
    final Pki pki;
    final Path adminKubeconfig;
    final KubernetesClient admin;
    final HelmCli helm;
    final FakeKubelet kubelet;
    final String kubernetesVersion;
    private final List<Daemon> daemons = new ArrayList<>();
    private final int apiserverPort;
    private final int webhookPort;
    private final int managementPort;
    private Daemon hookwright;
    private Path hookwrightKubeconfig;
    private Map<String, String> chartEnv = Map.of();
    private KubernetesClient asHookwright;

    private E2eCluster(Path dir, Path bin) {
        this.dir = dir;
        this.bin = bin;
        this.pki = Pki.generate(REPO, dir.resolve("pki"));
        this.apiserverPort = freePort();
        this.webhookPort = freePort();
        this.managementPort = freePort();
        int etcdPort = freePort();
        int etcdPeerPort = freePort();
        current = this;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "e2e-cluster-shutdown"));

        // etcd: one member, no fsync (a test cluster loses nothing worth keeping).
        String etcdUrl = "http://127.0.0.1:" + etcdPort;
        String peerUrl = "http://127.0.0.1:" + etcdPeerPort;
        Daemon etcd = daemon("etcd", List.of(bin.resolve("etcd").toString(), "--name=e2e",
                "--data-dir=" + dir.resolve("etcd"), "--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=e2e=" + peerUrl, "--unsafe-no-fsync=true", "--log-level=warn"), Map.of());
        HttpClient plain = HttpClient.newHttpClient();
        Await.until("etcd health", START, () -> {
            etcd.requireAlive();
            return get(plain, etcdUrl + "/health").filter(body -> body.contains("true"));
        });

        Daemon apiserver = daemon("kube-apiserver", List.of(bin.resolve("kube-apiserver").toString(),
                "--etcd-servers=" + etcdUrl,
                "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiserverPort,
                // The "kubernetes" Service's endpoints may not be loopback; nothing here needs them.
                "--endpoint-reconciler-type=none",
                "--tls-cert-file=" + pki.file("apiserver.crt"), "--tls-private-key-file=" + pki.file("apiserver.key"),
                "--client-ca-file=" + pki.file("ca.crt"),
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + pki.file("sa.pub"),
                "--service-account-signing-key-file=" + pki.file("sa.key"),
                "--service-cluster-ip-range=10.0.0.0/24",
                "--authorization-mode=Node,RBAC",
                // The defaults include MutatingAdmissionWebhook, ValidatingAdmissionWebhook and
                // ValidatingAdmissionPolicy; ServiceAccount is in them too.
                "--enable-admission-plugins=NamespaceLifecycle,ServiceAccount,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy",
                // Real clusters allow privileged pods; the refusal story 5 expects must come from the chart's policy.
                "--allow-privileged=true",
                "--cert-dir=" + dir.resolve("apiserver"),
                "--profiling=false", "--v=1"), Map.of());
        this.adminKubeconfig = writeKubeconfig(dir.resolve("admin.kubeconfig"), "e2e-admin",
                "    client-certificate: " + pki.file("admin.crt") + "\n    client-key: " + pki.file("admin.key") + "\n");
        HttpClient adminHttp = HttpClient.newBuilder().sslContext(pki.sslContext("admin")).build();
        Await.until("kube-apiserver /readyz", START, () -> {
            etcd.requireAlive();
            apiserver.requireAlive();
            return get(adminHttp, apiserverUrl() + "/readyz").filter("ok"::equals);
        });
        this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(adminKubeconfig.toFile())).build();
        this.kubernetesVersion = admin.getKubernetesVersion().getGitVersion();

        Daemon controllers = daemon("kube-controller-manager", List.of(bin.resolve("kube-controller-manager").toString(),
                "--kubeconfig=" + adminKubeconfig,
                "--controllers=job-controller,ttl-after-finished-controller,deployment-controller,replicaset-controller,"
                        + "garbage-collector-controller,serviceaccount-controller,"
                        // Type-checks ValidatingAdmissionPolicies and writes status.typeChecking.
                        + "validatingadmissionpolicy-status-controller",
                "--leader-elect=false", "--bind-address=127.0.0.1", "--secure-port=" + freePort(),
                "--root-ca-file=" + pki.file("ca.crt"),
                "--cert-dir=" + dir.resolve("controller-manager"), "--v=1"), Map.of());
        // The serviceaccount controller making "default" in namespace default shows the controllers run.
        Await.until("kube-controller-manager to create the default ServiceAccount", START, () -> {
            controllers.requireAlive();
            return Optional.ofNullable(admin.serviceAccounts().inNamespace("default").withName("default").get());
        });
        // No scheduler: the fake kubelet binds every pod to this node itself.
        admin.nodes().resource(new NodeBuilder().withNewMetadata().withName(FakeKubelet.NODE)
                .addToLabels("kubernetes.io/hostname", FakeKubelet.NODE).endMetadata().build()).create();
        this.kubelet = new FakeKubelet(admin).start();

        this.helm = new HelmCli(bin.resolve("helm"), mkdirs(dir.resolve("helm")), adminKubeconfig,
                dir.getParent().resolve("helm.log"), Map.of("PATH", REPO.resolve("bin") + ":" + System.getenv("PATH"),
                        "HOOKWRIGHT_JAR", jar().toString()));
        installHookwright();
    }

    /** The shared cluster, started on first use. */
    static synchronized E2eCluster get() {
        if (startFailure != null) {
            throw new IllegalStateException("the end-to-end cluster did not start (see the first failure)", startFailure);
        }
        if (current == null) {
            Path root = REPO.resolve("target/e2e");
            Path run = root.resolve("run");
            deleteTree(root); // logs and state of the previous run
            mkdirs(run);
            try {
                new E2eCluster(run, binaries());
            } catch (RuntimeException | AssertionError e) {
                // Every process started so far is stopped; later stories fail fast instead of retrying.
                String logs = diagnostics();
                if (current != null) {
                    current.close();
                    current = null;
                }
                startFailure = new IllegalStateException("the end-to-end cluster did not start: " + e.getMessage() + logs, e);
                throw startFailure;
            }
        }
        return current;
    }

    /** The directory test/cluster/build.sh built into: given by {@code make e2e}, else built (or found) now. */
    private static Path binaries() {
        String given = System.getProperty("hookwright.cluster.bin", "");
        if (!given.isBlank()) {
            return Path.of(given);
        }
        String out = Shell.run(REPO, "test/cluster/build.sh").strip();
        return Path.of(out.substring(out.lastIndexOf('\n') + 1).strip());
    }

    static Path jar() {
        Path jar = REPO.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the end-to-end tests run the packaged jar: run `make build` (make e2e does)");
        }
        return jar;
    }

    String apiserverUrl() {
        return "https://127.0.0.1:" + apiserverPort;
    }

    /** The client acting as hookwright's ServiceAccount, with exactly the chart's rights. */
    KubernetesClient asHookwright() {
        return asHookwright;
    }

    /**
     * Renders the hookwright chart with the real Helm 4 and applies what a hookwright outside the
     * cluster needs: its ServiceAccount and RBAC exactly as rendered, the admission policy, and the
     * webhook configurations with {@code clientConfig.url} pointing at the local jar and the run's CA.
     */
    private void installHookwright() {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(HOOKWRIGHT_NAMESPACE).endMetadata()
                .build()).create();
        String rendered = helm.run("template", HOOKWRIGHT_RELEASE, REPO.resolve("deploy/helm/hookwright").toString(),
                "--namespace", HOOKWRIGHT_NAMESPACE, "--kube-version", kubernetesVersion,
                "--set", "admissionPolicy.enabled=true").orFail("helm template of the hookwright chart").stdout();
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode object : parseYaml(rendered)) {
            String kind = object.path("kind").asText();
            if ("Deployment".equals(kind)) {
                // The chart's configuration of the server, as environment variables of the container.
                for (JsonNode var : object.at("/spec/template/spec/containers/0/env")) {
                    if (var.has("value")) {
                        env.put(var.path("name").asText(), var.path("value").asText());
                    }
                }
            }
            if (!CHART_KINDS.contains(kind)) {
                continue;
            }
            if (kind.endsWith("WebhookConfiguration")) {
                for (JsonNode webhook : object.path("webhooks")) {
                    ObjectNode client = (ObjectNode) webhook.path("clientConfig");
                    String path = client.path("service").path("path").asText("/");
                    client.remove("service");
                    client.put("url", "https://127.0.0.1:" + webhookPort + path);
                    client.put("caBundle", pki.caBundle());
                }
            }
            if (Set.of("ServiceAccount", "Role", "RoleBinding").contains(kind)
                    && !object.path("metadata").has("namespace")) {
                ((ObjectNode) object.path("metadata")).put("namespace", HOOKWRIGHT_NAMESPACE); // as helm install -n would
            }
            HasMetadata resource = admin.getKubernetesSerialization().unmarshal(object.toString());
            admin.resource(resource).create();
        }
        this.chartEnv = Map.copyOf(env);
        TokenRequest token = admin.serviceAccounts().inNamespace(HOOKWRIGHT_NAMESPACE).withName(HOOKWRIGHT_RELEASE)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(6L * 3600).endSpec().build());
        this.hookwrightKubeconfig = writeKubeconfig(dir.resolve("hookwright.kubeconfig"),
                "system:serviceaccount:" + HOOKWRIGHT_NAMESPACE + ":" + HOOKWRIGHT_RELEASE,
                "    token: " + token.getStatus().getToken() + "\n");
        this.asHookwright = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(hookwrightKubeconfig.toFile())).build();
        startHookwright();
    }

    /** Starts the packaged jar (again, after {@link #stopHookwright()}) and waits until it serves and leads. */
    void startHookwright() {
        Map<String, String> env = new LinkedHashMap<>(chartEnv);
        env.put("KUBECONFIG", hookwrightKubeconfig.toString());
        env.put("POD_NAMESPACE", HOOKWRIGHT_NAMESPACE);
        env.put("POD_NAME", "hookwright-e2e");
        env.put("HOOKWRIGHT_TLS_CERT", pki.file("webhook.crt").toString());
        env.put("HOOKWRIGHT_TLS_KEY", pki.file("webhook.key").toString());
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(webhookPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("HOOKWRIGHT_MIGRATION_TTL_SECONDS_AFTER_FINISHED", Integer.toString(JOB_TTL_SECONDS));
        // A short resync shows within a test's window that a recorded outcome is not run again.
        env.put("HOOKWRIGHT_CONTROLLER_RESYNC_PERIOD", "5s");
        hookwright = daemon("hookwright", List.of(javaBinary(), "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar().toString()),
                env);
        HttpClient https = HttpClient.newBuilder().sslContext(pki.sslContext(null)).build();
        Await.until("hookwright to be ready", START, () -> {
            hookwright.requireAlive();
            return get(https, "https://127.0.0.1:" + managementPort + "/q/health/ready").filter(b -> b.contains("UP"));
        });
        Await.until("hookwright to hold the controller's Lease", START, () -> {
            hookwright.requireAlive();
            Lease lease = admin.leases().inNamespace(HOOKWRIGHT_NAMESPACE).withName("hookwright-controller").get();
            return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity())
                    .filter("hookwright-e2e"::equals);
        });
    }

    /** Stops the jar as Kubernetes would stop its pod (SIGTERM, then SIGKILL after the grace period). */
    void stopHookwright() {
        hookwright.stop(Duration.ofSeconds(30));
        daemons.remove(hookwright);
    }

    @Override
    public synchronized void close() {
        if (kubelet != null) {
            kubelet.stop();
        }
        List<Daemon> reversed = new ArrayList<>(daemons);
        java.util.Collections.reverse(reversed);
        for (Daemon daemon : reversed) {
            daemon.stop(Duration.ofSeconds(10));
        }
        daemons.clear();
        if (admin != null) {
            admin.close();
        }
        if (asHookwright != null) {
            asHookwright.close();
        }
    }

    /** The tails of every control-plane log, appended to a failure's message. */
    static String diagnostics() {
        E2eCluster cluster = current;
        if (cluster == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n---- logs under target/e2e/ ----");
        for (Daemon daemon : List.copyOf(cluster.daemons)) {
            out.append("\n==== ").append(daemon.log().getFileName()).append(" (tail) ====\n").append(daemon.tail(25));
        }
        return out.toString();
    }

    private Daemon daemon(String name, List<String> command, Map<String, String> env) {
        Daemon daemon = new Daemon(name, command, env, dir.getParent().resolve(name + ".log")).start();
        daemons.add(daemon);
        return daemon;
    }

    private Path writeKubeconfig(Path file, String user, String credentials) {
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: e2e\n  cluster:\n    server: " + apiserverUrl()
                + "\n    certificate-authority: " + pki.file("ca.crt") + "\ncontexts:\n- name: e2e\n  context:\n"
                + "    cluster: e2e\n    user: e2e-user\ncurrent-context: e2e\nusers:\n- name: e2e-user\n  user:\n"
                + credentials;
        try {
            Files.writeString(file, "# " + user + "\n" + yaml);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static List<JsonNode> parseYaml(String stream) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(stream)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    private static Optional<String> get(HttpClient client, String url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
