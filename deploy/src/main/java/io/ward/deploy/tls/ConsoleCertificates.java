package io.ward.deploy.tls;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Looks at an https console's certificate before anything is sent to it: whether the system already trusts it (chain
 * and host name), and otherwise which CA it claims to come from, for the user to confirm. Every handshake here ends
 * before any request: nothing is sent to a console that is not trusted.
 */
public final class ConsoleCertificates {

    private static final int TIMEOUT_MS = 10_000;

    private ConsoleCertificates() {
    }

    /** The console did not answer a TLS handshake (not reachable, or not TLS). */
    public static final class UnreachableException extends RuntimeException {
        UnreachableException(String message) {
            super(message);
        }
    }

    /** What the console presented: its chain as sent, and whether the system's trust anchors accept it for its host. */
    public record Presented(List<X509Certificate> chain, boolean systemTrusted) {

        /** The CA at the top of the chain, which the user is asked to trust. */
        public ConsoleCa topCa(URI console) {
            X509Certificate top = chain.get(chain.size() - 1);
            if (top.getBasicConstraints() < 0) {
                throw new CliException(ExitCode.USAGE, console + " sent no CA certificate with its own ("
                        + top.getSubjectX500Principal().getName() + "); pass the CA that issued it with --console-ca FILE");
            }
            return new ConsoleCa(top);
        }
    }

    /**
     * Fetches the chain the console presents, checking it against the system's trust anchors and its host name.
     *
     * @throws UnreachableException when no certificate could be fetched
     */
    public static Presented fetch(URI console) {
        X509ExtendedTrustManager system;
        try {
            system = (X509ExtendedTrustManager) ConsoleTrust.systemTrustManager();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Recorder recorder = new Recorder(system);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509TrustManager[] {recorder}, null);
            handshake(context, console);
            return new Presented(recorder.chain, true);
        } catch (SSLException e) {
            if (recorder.chain == null) {
                throw new UnreachableException("no TLS certificate from " + console + ": " + e.getMessage());
            }
            return new Presented(recorder.chain, false);
        } catch (IOException e) {
            throw new UnreachableException("cannot reach " + console + " (" + e + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks that the console's certificate chains to the system's anchors plus {@code ca} and names its host. */
    public static void verify(URI console, ConsoleCa ca) {
        try {
            handshake(ConsoleTrust.context(ca), console);
        } catch (SSLException e) {
            throw new CliException(ExitCode.USAGE, "the certificate of " + console + " is not valid with the CA "
                    + ca.subject() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot reach the Ward console at " + console + ": " + e.getMessage());
        }
    }

    /** A TLS handshake with host name verification ("HTTPS" endpoint identification), then the connection is closed. */
    private static void handshake(SSLContext context, URI console) throws IOException {
        int port = console.getPort() > 0 ? console.getPort() : 443;
        String host = console.getHost().startsWith("[") ? console.getHost().substring(1, console.getHost().length() - 1)
                : console.getHost();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            plain.setSoTimeout(TIMEOUT_MS);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
            }
        }
    }

    /** Keeps the chain the server sent, then lets the system's trust manager decide. */
    private static final class Recorder extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager system;
        private volatile List<X509Certificate> chain;

        Recorder(X509ExtendedTrustManager system) {
            this.system = system;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket)
                throws CertificateException {
            chain = List.of(presented);
            system.checkServerTrusted(presented, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
                throws CertificateException {
            chain = List.of(presented);
            system.checkServerTrusted(presented, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            throw new CertificateException("a console's certificate is only checked with its host name");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return system.getAcceptedIssuers();
        }
    }
}
