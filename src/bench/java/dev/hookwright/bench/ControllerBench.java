package dev.hookwright.bench;

import dev.hookwright.core.Json;
import dev.hookwright.testing.MigratedFleet;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The migration controller at scale ({@code make bench-controller}): the packaged jar runs as a
 * child process against fabric8's mock API server (CRUD mode) held by this process, which records
 * every request it answers, with its time. The controller alone is measured (its own process,
 * peak RSS from {@code /proc/<pid>/status}); the mock server and this driver run beside it.
 *
 * <ol>
 * <li>1,000 opted-in Helm-managed Deployments in 50 namespaces, all migrated
 * ({@link MigratedFleet}: records as the controller writes them, a settled rollout, a fifth of
 * them with their finished Jobs still there, the rest removed by the TTL), then the controller
 * starts: the time until every Deployment was reconciled (read and its Jobs listed, from the
 * recorded requests), the requests per Deployment, and the informers' own.</li>
 * <li>200 of them (4 in each namespace) get a new revision at once, as Helm applies it and the
 * webhook admits it: the time until all 200 migration Jobs exist, and per namespace the time its
 * last Job appeared.</li>
 * </ol>
 *
 * Arguments: {@code <jar> <java> <java options> <output file>}.
 */
public final class ControllerBench {
    /** The mock server logs every request it answers; held here so the level sticks. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final int NAMESPACES = 50;
    private static final int PER_NAMESPACE = 20;
    private static final int UPGRADED_PER_NAMESPACE = 4;
    private static final String OWN_NAMESPACE = "hookwright";
    private static final Duration RESYNC_LIMIT = Duration.ofMinutes(3);
    private static final Duration JOBS_LIMIT = Duration.ofMinutes(2);
    private static final Pattern NAMESPACED = Pattern.compile("^/(?:api|apis/[^/]+)/v1/namespaces/([^/]+)/([^/?]+)(?:/([^/?]+))?");

    /** One request the mock server answered. */
    record Request(long nanos, String method, String path, int code, String createdJob) {
    }

    /** CRUD as fabric8's mock does it, every request recorded with its time. */
    static final class Recording extends KubernetesCrudDispatcher {
        final ConcurrentLinkedQueue<Request> log = new ConcurrentLinkedQueue<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            long at = System.nanoTime();
            String job = null;
            if ("POST".equals(request.getMethod()) && request.getPath().matches("^/apis/batch/v1/namespaces/[^/]+/jobs.*")) {
                // Read before the dispatcher consumes the body.
                try {
                    job = Json.mapper().readTree(request.getBody().getBytes()).path("metadata").path("name").asText(null);
                } catch (IOException e) {
                    job = null;
                }
            }
            MockResponse response = super.dispatch(request);
            log.add(new Request(at, request.getMethod(), request.getPath(), response.code(), response.code() < 300 ? job : null));
            return response;
        }

        List<Request> since(long nanos) {
            return log.stream().filter(r -> r.nanos() >= nanos).toList();
        }
    }

    private record Member(String namespace, String name, MigratedFleet.Shape shape, int revision) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ControllerBench <jar> <java> <java options> <output file>");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        String java = args[1];
        List<String> javaOptions = args[2].isBlank() ? List.of() : Arrays.asList(args[2].trim().split("\\s+"));
        Path output = Path.of(args[3]);
        Path work = output.getParent().resolve("controller");
        Files.createDirectories(work);

        MOCK_LOG.setLevel(Level.WARNING);
        Recording recording = new Recording();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), recording, false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        Process child = null;
        int status = 1;
        try (KubernetesClient client = server.createClient()) {
            List<Member> fleet = populate(client);
            Path kubeconfig = work.resolve("kubeconfig");
            Files.writeString(kubeconfig, kubeconfig(server.getPort()));
            int managementPort = freePort();

            String loadBefore = loadAverage();
            long start = System.nanoTime();
            child = launch(java, javaOptions, jar, kubeconfig, managementPort, work.resolve("hookwright.log"));
            long pid = child.pid();

            // (a) Reconciled: read (GET) and its Jobs listed, for every Deployment.
            Map<String, Long> reconciledAt = new HashMap<>();
            Set<String> got = new HashSet<>();
            long deadline = start + RESYNC_LIMIT.toNanos();
            long leadingAt = -1;
            int seen = 0;
            while (reconciledAt.size() < fleet.size()) {
                if (System.nanoTime() > deadline || !child.isAlive()) {
                    throw new IllegalStateException("not every Deployment was reconciled: " + reconciledAt.size() + " of "
                            + fleet.size() + (child.isAlive() ? "" : " (the controller exited; see " + work + "/hookwright.log)"));
                }
                List<Request> requests = recording.since(start);
                for (Request r : requests.subList(seen, requests.size())) {
                    Matcher m = NAMESPACED.matcher(r.path());
                    if (!m.find()) {
                        continue;
                    }
                    if (leadingAt < 0 && m.group(1).equals(OWN_NAMESPACE) && m.group(2).equals("leases")
                            && !r.method().equals("GET") && r.code() < 300) {
                        leadingAt = r.nanos();
                    }
                    if (r.method().equals("GET") && m.group(2).equals("deployments") && m.group(3) != null) {
                        got.add(m.group(1) + "/" + m.group(3));
                    }
                    if (r.method().equals("GET") && m.group(2).equals("jobs") && m.group(3) == null) {
                        String deployment = m.group(1) + "/" + labelledDeployment(r.path());
                        if (got.contains(deployment)) {
                            reconciledAt.putIfAbsent(deployment, r.nanos());
                        }
                    }
                }
                seen = requests.size();
                Thread.sleep(20);
            }
            long allReconciled = reconciledAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            // Anything queued twice, or written, shows up in the following seconds.
            Thread.sleep(3000);
            long resyncEnd = System.nanoTime();
            List<Request> resync = recording.since(start).stream().filter(r -> r.nanos() < resyncEnd).toList();
            Counts counts = Counts.of(resync);
            double reconcilesMetric = reconciles(managementPort);
            long peakAfterResync = vmHwmKib(pid);

            // (d) 200 new revisions at once.
            List<Member> upgraded = new ArrayList<>();
            for (int ns = 0; ns < NAMESPACES; ns++) {
                for (int j = 0; j < UPGRADED_PER_NAMESPACE; j++) {
                    upgraded.add(fleet.get(ns * PER_NAMESPACE + j * (PER_NAMESPACE / UPGRADED_PER_NAMESPACE)));
                }
            }
            Map<String, String> expected = new LinkedHashMap<>();
            for (Member m : upgraded) {
                expected.put(m.namespace() + "/" + MigratedFleet.plan(MigratedFleet.manifest(m.namespace(), m.name(), m.shape(),
                        m.revision() + 1)).jobName(), m.namespace());
            }
            long upgradeStart = System.nanoTime();
            ExecutorService helm = Executors.newFixedThreadPool(8);
            Map<String, Long> appliedIn = new java.util.concurrent.ConcurrentHashMap<>();
            List<Future<?>> applied = new ArrayList<>();
            for (Member m : upgraded) {
                applied.add(helm.submit(() -> {
                    new MigratedFleet(client).upgrade(m.namespace(), m.name(), m.shape(), m.revision() + 1);
                    appliedIn.merge(m.namespace(), System.nanoTime(), Math::max);
                }));
            }
            for (Future<?> f : applied) {
                f.get();
            }
            long upgradeEnd = System.nanoTime();
            helm.shutdown();
            Map<String, Long> createdAt = new HashMap<>();
            long jobsDeadline = upgradeStart + JOBS_LIMIT.toNanos();
            while (createdAt.size() < expected.size() && System.nanoTime() < jobsDeadline && child.isAlive()) {
                for (Request r : recording.since(upgradeStart)) {
                    Matcher m = NAMESPACED.matcher(r.path());
                    if (r.createdJob() != null && m.find() && expected.containsKey(m.group(1) + "/" + r.createdJob())) {
                        createdAt.putIfAbsent(m.group(1) + "/" + r.createdJob(), r.nanos());
                    }
                }
                Thread.sleep(50);
            }
            long peak = vmHwmKib(pid);
            String loadAfter = loadAverage();

            // Fairness: per namespace, when its last Job appeared.
            Map<String, Long> lastPerNamespace = new HashMap<>();
            createdAt.forEach((job, at) -> lastPerNamespace.merge(expected.get(job), at, Math::max));
            List<Double> perNamespace = lastPerNamespace.values().stream().map(at -> seconds(at - upgradeStart)).sorted().toList();
            List<Double> waited = lastPerNamespace.entrySet().stream()
                    .map(e -> seconds(e.getValue() - appliedIn.get(e.getKey()))).sorted().toList();
            String heap = heapInfo(java, pid);
            int complete = (int) new HashSet<>(expected.values()).stream()
                    .filter(ns -> expected.entrySet().stream().filter(e -> e.getValue().equals(ns)).allMatch(e -> createdAt.containsKey(e.getKey())))
                    .count();
            double allJobs = createdAt.size() == expected.size()
                    ? seconds(createdAt.values().stream().mapToLong(Long::longValue).max().orElseThrow() - upgradeStart) : Double.NaN;
            double firstJob = createdAt.isEmpty() ? Double.NaN
                    : seconds(createdAt.values().stream().mapToLong(Long::longValue).min().orElseThrow() - upgradeStart);
            double median = perNamespace.isEmpty() ? Double.NaN : perNamespace.get(perNamespace.size() / 2);
            double min = perNamespace.isEmpty() ? Double.NaN : perNamespace.get(0);
            double max = perNamespace.isEmpty() ? Double.NaN : perNamespace.get(perNamespace.size() - 1);

            String table = String.join("\n",
                    "| figure | value | target |",
                    "| --- | --- | --- |",
                    row("Deployments / namespaces (all migrated; finished Jobs still there)", fleet.size() + " / " + NAMESPACES
                            + " (" + fleet.size() / 5 + ")", ""),
                    row("controller start → Lease held", fmt(seconds(leadingAt - start)) + " s", ""),
                    row("controller start → every Deployment reconciled", fmt(seconds(allReconciled - start)) + " s", ""),
                    row("reconciles counted (`hookwright_controller_reconciles_total`)", String.format(Locale.ROOT, "%.0f",
                            reconcilesMetric), "1,000"),
                    row("API requests per Deployment during the resync", fmt2(counts.perDeployment / (double) fleet.size())
                            + " (max " + counts.maxPerDeployment + ": " + counts.byKind + ")", "≤ 2"),
                    row("writes during the resync", Integer.toString(counts.writes), "0"),
                    row("informers' LIST / WATCH requests (Deployments, Jobs, Namespaces)", counts.informerLists + " / "
                            + counts.informerWatches, ""),
                    row("Lease requests during the resync", Integer.toString(counts.lease), ""),
                    row("peak RSS of the controller (VmHWM) after the resync", mib(peakAfterResync), ""),
                    row("200 new revisions applied (8 writers)", fmt(seconds(upgradeEnd - upgradeStart)) + " s", ""),
                    row("first new revision applied → first / all 200 migration Jobs exist", fmt(firstJob) + " s / "
                            + (createdAt.size() == expected.size() ? fmt(allJobs) + " s" : createdAt.size() + " of 200 in "
                            + JOBS_LIMIT.toSeconds() + " s"), "≤ 20 s"),
                    row("per namespace, its last Job: min / median / max (spread)", fmt(min) + " / " + fmt(median) + " / "
                            + fmt(max) + " s (" + fmt(max - min) + " s)", ""),
                    row("per namespace, its last Job after its own last revision was applied: min / median / max",
                            waited.isEmpty() ? "-" : fmt(waited.get(0)) + " / " + fmt(waited.get(waited.size() / 2)) + " / "
                                    + fmt(waited.get(waited.size() - 1)) + " s", ""),
                    row("namespaces starved (a Job of theirs missing when all others were done, or after 20 s)",
                            starved(perNamespace, complete, allJobs) , "none"),
                    row("peak RSS of the controller (VmHWM) at the end", mib(peak), ""),
                    row("the controller's heap at the end after a full GC (`jcmd`: used / committed)", heap, ""),
                    row("load average (1, 5, 15 min) before / after", loadBefore + " / " + loadAfter, ""));
            String note = String.format(Locale.ROOT, "%n%nJVM: %s %s; the controller (the packaged jar, `hookwright.controller.workers` "
                    + "default 2) against fabric8's mock API server (CRUD mode) in the benchmark's own JVM; %d cores.%n",
                    java, String.join(" ", javaOptions), Runtime.getRuntime().availableProcessors());
            Files.writeString(output, table + note);
            System.out.println(table + note);
            status = createdAt.size() == expected.size() ? 0 : 1;
        } finally {
            if (child != null) {
                child.destroy();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
        // The mock server's open watches would keep this JVM alive.
        System.exit(status);
    }

    /** After a full collection, the serial collector's young + tenured use and size, from {@code jcmd <pid> GC.heap_info}. */
    private static String heapInfo(String java, long pid) {
        try {
            Path jcmd = Path.of(java).resolveSibling("jcmd");
            // A full collection first: what is left is what the controller holds (its caches), not garbage.
            new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            long total = 0;
            long used = 0;
            Matcher m = Pattern.compile("(?mi)^\\s*(def new generation|tenured generation|DefNew|Tenured)\\s+total (\\d+)K, used (\\d+)K").matcher(out);
            while (m.find()) {
                total += Long.parseLong(m.group(2));
                used += Long.parseLong(m.group(3));
            }
            return total == 0 ? "n/a" : mib(used) + " / " + mib(total);
        } catch (IOException | InterruptedException e) {
            return "n/a";
        }
    }

    private static String starved(List<Double> perNamespace, int complete, double allJobs) {
        if (complete < NAMESPACES) {
            return (NAMESPACES - complete) + " namespaces without all their Jobs";
        }
        long late = perNamespace.stream().filter(s -> s > 20).count();
        return late == 0 ? "none" : late + " after 20 s";
    }

    /** What the requests of the resync were, counted by path. */
    static final class Counts {
        int perDeployment;
        int maxPerDeployment;
        int writes;
        int informerLists;
        int informerWatches;
        int lease;
        final Map<String, Integer> byKind = new LinkedHashMap<>();

        static Counts of(List<Request> requests) {
            Counts counts = new Counts();
            for (Request r : requests) {
                Matcher m = NAMESPACED.matcher(r.path());
                if (!m.find()) {
                    // Cluster-wide: the informers (list, then watch).
                    if (r.path().contains("watch=true")) {
                        counts.informerWatches++;
                    } else {
                        counts.informerLists++;
                    }
                    continue;
                }
                if (m.group(1).equals(OWN_NAMESPACE)) {
                    counts.lease++;
                    continue;
                }
                counts.perDeployment++;
                String kind = r.method() + " " + m.group(2) + (m.group(3) == null ? (r.path().contains("watch=true") ? " (watch)"
                        : " (list)") : "");
                counts.byKind.merge(kind, 1, Integer::sum);
                if (!r.method().equals("GET")) {
                    counts.writes++;
                }
            }
            // Each namespace holds PER_NAMESPACE Deployments; a request by name or label names one of them.
            Map<String, Integer> perDeployment = new HashMap<>();
            for (Request r : requests) {
                Matcher m = NAMESPACED.matcher(r.path());
                if (m.find() && !m.group(1).equals(OWN_NAMESPACE)) {
                    perDeployment.merge(m.group(1) + "/" + owner(r.path(), m), 1, Integer::sum);
                }
            }
            counts.maxPerDeployment = perDeployment.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            return counts;
        }

        private static String owner(String path, Matcher m) {
            if (m.group(2).equals("deployments") && m.group(3) != null) {
                return m.group(3);
            }
            if (m.group(2).equals("jobs") && m.group(3) == null) {
                return labelledDeployment(path);
            }
            if (m.group(3) != null && m.group(2).equals("jobs")) {
                return m.group(3).replaceAll("-(migrate|seed|postdeploy)-.*$", "");
            }
            Matcher app = Pattern.compile("app%3D([^&,]+)|app=([^&,]+)").matcher(path);
            return app.find() ? (app.group(1) != null ? app.group(1) : app.group(2)) : "?";
        }
    }

    /** The Deployment named by a Job list's {@code hookwright.dev/deployment} label selector. */
    static String labelledDeployment(String path) {
        String query = path.contains("?") ? URLDecoder.decode(path.substring(path.indexOf('?') + 1), StandardCharsets.UTF_8) : "";
        Matcher m = Pattern.compile("hookwright\\.dev/deployment=([^,&]+)").matcher(query);
        return m.find() ? m.group(1) : "?";
    }

    private static List<Member> populate(KubernetesClient client) throws Exception {
        List<Member> fleet = new ArrayList<>();
        for (int ns = 0; ns < NAMESPACES; ns++) {
            String namespace = String.format(Locale.ROOT, "team-%02d", ns);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            for (int j = 0; j < PER_NAMESPACE; j++) {
                int i = ns * PER_NAMESPACE + j;
                fleet.add(new Member(namespace, String.format(Locale.ROOT, "app-%02d", j), MigratedFleet.Shape.of(i), i / 4 % 3 + 1));
            }
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(OWN_NAMESPACE).endMetadata().build()).create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> stored = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            Member m = fleet.get(i);
            boolean jobsLeft = i % 5 == 0;
            stored.add(pool.submit(() -> new MigratedFleet(client).store(m.namespace(), m.name(), m.shape(), m.revision(), jobsLeft)));
        }
        for (Future<?> f : stored) {
            f.get();
        }
        pool.shutdown();
        return fleet;
    }

    private static Process launch(String java, List<String> options, Path jar, Path kubeconfig, int managementPort, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("KUBERNETES_SERVICE_HOST");
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("POD_NAMESPACE", OWN_NAMESPACE);
        env.put("POD_NAME", "hookwright-bench");
        env.put("HOOKWRIGHT_TLS_CERT", "certs/dev/tls.crt");
        env.put("HOOKWRIGHT_TLS_KEY", "certs/dev/tls.key");
        env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(freePort()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        return builder.start();
    }

    private static String kubeconfig(int port) {
        return String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mock",
                "  cluster:",
                "    server: http://127.0.0.1:" + port,
                "users:",
                "- name: bench",
                "  user:",
                "    token: bench",
                "contexts:",
                "- name: mock",
                "  context:",
                "    cluster: mock",
                "    user: bench",
                "    namespace: " + OWN_NAMESPACE,
                "current-context: mock",
                "");
    }

    /** The sum of {@code hookwright_controller_reconciles_total} over its series (HTTPS, the dev CA's certificate). */
    private static double reconciles(int managementPort) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (var in = Files.newInputStream(Path.of("certs/dev/ca.crt"))) {
            trusted.setCertificateEntry("dev-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + managementPort + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(l -> l.startsWith("hookwright_controller_reconciles_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long vmHwmKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return parts[0] + ", " + parts[1] + ", " + parts[2];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    private static String fmt2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String mib(long kib) {
        return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static String row(String figure, String value, String target) {
        return "| " + figure + " | " + value + " | " + target + " |";
    }

    private ControllerBench() {
    }
}
