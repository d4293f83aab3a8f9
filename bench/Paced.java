/*
 * A fixed-rate load generator for `make bench`, because wrk cannot pace and Debian has no wrk2.
 * Run as a single-file program (JDK only, no build):
 *
 *   java bench/Paced.java URL BODY_FILE CA_CERT RATE SECONDS [CONNECTIONS] [WARMUP_SECONDS]
 *
 * Like wrk2: CONNECTIONS (default 8) keep-alive HTTP/1.1 TLS connections, each sending at
 * RATE / CONNECTIONS on a fixed schedule, and every latency measured from the request's scheduled
 * time, not from when it could actually be sent. A stalled server then shows up as latency
 * instead of silently lowering the rate (coordinated omission). Raw sockets, not HttpClient:
 * HttpClient opens a new connection whenever all are busy, and the TLS handshakes that follow
 * would be measured instead of the webhook. The first WARMUP_SECONDS (default 5) run at the same
 * rate but are not counted: they pay for this client's own JIT. Prints one RESULT line.
 */
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

public class Paced {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        SSLContext tls = trusting(Path.of(args[2]));
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int connections = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        int warmupSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 5;
        byte[] request = request(uri, body);

        int perConnection = rate * (warmupSeconds + seconds) / connections;
        int warmupPerConnection = rate * warmupSeconds / connections;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * connections / rate;
        long[][] latencies = new long[connections][perConnection - warmupPerConnection];
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            int connection = c;
            // Connections are offset within one interval so the sends are spread evenly.
            long offset = intervalNanos * c / connections;
            threads[c] = new Thread(() -> {
                Connection socket = null;
                for (int i = 0; i < perConnection; i++) {
                    long scheduled = start + offset + i * intervalNanos;
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    boolean ok;
                    try {
                        if (socket == null) {
                            socket = open(tls, uri);
                        }
                        ok = exchange(socket, request);
                    } catch (IOException e) {
                        ok = false;
                        close(socket);
                        socket = null;
                    }
                    if (i >= warmupPerConnection) {
                        latencies[connection][i - warmupPerConnection] = System.nanoTime() - scheduled;
                        if (!ok) {
                            failures.incrementAndGet();
                        }
                    }
                }
                close(socket);
            });
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9 - warmupSeconds;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f failures=%d%n",
                all.length, elapsed, all.length / elapsed, ms(all, 0.50), ms(all, 0.99), all[all.length - 1] / 1e6,
                failures.get());
    }

    private static byte[] request(URI uri, byte[] body) {
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A kept-alive connection with its buffered reader. */
    private record Connection(SSLSocket socket, InputStream in, OutputStream out) {
    }

    /** One request and its whole response; true for a 200 with a body. */
    private static boolean exchange(Connection connection, byte[] request) throws IOException {
        connection.out().write(request);
        connection.out().flush();
        InputStream in = connection.in();
        String head = readHead(in);
        int length = -1;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        if (in.readNBytes(length).length != length) {
            throw new IOException("response body cut short");
        }
        return head.startsWith("HTTP/1.1 200") && length > 0;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString();
    }

    private static Connection open(SSLContext tls, URI uri) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(uri.getHost(), uri.getPort());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return new Connection(socket, new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static void close(Connection connection) {
        try {
            if (connection != null) {
                connection.socket().close();
            }
        } catch (IOException ignored) {
            // Closing a broken connection has nothing left to report.
        }
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
