package io.ward.deploy.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The trust the CLI puts in a console's certificate: the system's trust anchors (the JDK's), plus the console's own
 * CA when it has one. Chain and host name are always verified (the JDK's HttpClient checks the name); never "trust all".
 */
public final class ConsoleTrust {

    private ConsoleTrust() {
    }

    /** The system's trust anchors, plus {@code extra} when not null. */
    public static SSLContext context(ConsoleCa extra) {
        try {
            if (extra == null) {
                return SSLContext.getDefault();
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (X509Certificate system : systemTrustManager().getAcceptedIssuers()) {
                anchors.setCertificateEntry("system-" + n++, system);
            }
            anchors.setCertificateEntry("console-ca", extra.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** The JDK's default trust manager (its cacerts, or javax.net.ssl.trustStore when set). */
    public static X509TrustManager systemTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
