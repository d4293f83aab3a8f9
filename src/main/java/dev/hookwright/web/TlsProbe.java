package dev.hookwright.web;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * One TLS handshake with a local listener, to see what it serves. It trusts everything on
 * purpose: the caller judges the certificate (an expired one included), and a new context per
 * call means no session is resumed, so the listener presents its current certificate.
 */
public final class TlsProbe {
    private TlsProbe() {
    }

    /** What a listener presented: its leaf certificate and the protocol agreed on. */
    public record Served(X509Certificate certificate, String protocol) {
    }

    public static Served handshake(int port, int timeoutMillis) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            // Offered as the API server offers them, so the handshake takes the path its requests take.
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.startHandshake();
            return new Served((X509Certificate) socket.getSession().getPeerCertificates()[0],
                    socket.getSession().getProtocol());
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
