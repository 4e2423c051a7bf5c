package io.ward.deploy.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local console's TLS certificates, kept in {@code <data-dir>/tls/}: a CA generated on first use ({@code ca.pem},
 * {@code ca-key.pem}) and a server certificate it issues for 127.0.0.1, ::1, localhost and this host's name
 * ({@code server.pem}, {@code server-key.pem}). Both are reused on later starts; the server certificate is issued again
 * when it expires within a week, when the names change or when the CA changed, the CA when it expires within a week.
 * Private keys are mode 0600. Keys are ECDSA P-256.
 */
public final class LocalCertificates {

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** What browsers accept at most for a server certificate. */
    private static final Duration SERVER_VALIDITY = Duration.ofDays(397);
    private static final Duration RENEW_BEFORE = Duration.ofDays(7);

    private final Path dir;
    private final Clock clock;

    public LocalCertificates(Path dataDir) {
        this(dataDir, Clock.systemUTC());
    }

    /** With another clock: tests issue certificates in the past to see them renewed. */
    LocalCertificates(Path dataDir, Clock clock) {
        this.dir = dataDir.resolve("tls");
        this.clock = clock;
    }

    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    Path caKeyFile() {
        return dir.resolve("ca-key.pem");
    }

    Path serverFile() {
        return dir.resolve("server.pem");
    }

    Path serverKeyFile() {
        return dir.resolve("server-key.pem");
    }

    /**
     * The names the server certificate covers when the console listens on {@code host}: the loopback names, this
     * host's name, and {@code host} itself, or every IPv4 address of this machine when it listens on all of them (so
     * that a container reaching the host by its bridge address can verify the name too).
     */
    static Set<String> serverNames(String host) {
        Set<String> names = new TreeSet<>(List.of("127.0.0.1", "::1", "localhost"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // no host name to add
        }
        if (!host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host);
            return names;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        names.add(address.getHostAddress());
                    }
                }
            }
        } catch (IOException e) {
            // the loopback names and the host name only
        }
        return names;
    }

    /** Makes sure a valid CA and a server certificate for {@code names} exist, and returns a server context with them. */
    public SSLContext serverContext(Set<String> names) {
        try {
            Files.createDirectories(dir);
            Instant now = clock.instant();
            Instant soon = now.plus(RENEW_BEFORE);
            Issued ca = read(caFile(), caKeyFile());
            boolean newCa = ca == null || expiresBefore(ca.certificate(), soon);
            if (newCa) {
                ca = issueCa(now);
                write(ca, caFile(), caKeyFile(), List.of(ca.certificate()));
            }
            Issued server = newCa ? null : read(serverFile(), serverKeyFile());
            if (server == null || expiresBefore(server.certificate(), soon) || !names.equals(namesOf(server.certificate()))
                    || !issuedBy(server.certificate(), ca.certificate())) {
                server = issueServer(ca, names, now);
                write(server, serverFile(), serverKeyFile(), List.of(server.certificate(), ca.certificate()));
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = new char[0];
            keys.setKeyEntry("front-door", server.key(), password,
                    new X509Certificate[] {server.certificate(), ca.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the console's TLS certificates in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the console's TLS certificates: " + e.getMessage(), e);
        }
    }

    private record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private static Issued issueCa(Instant now) throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair pair = newKeyPair();
        X500Name name = new X500Name("O=Ward,CN=Ward local console CA " + now.getEpochSecond());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        return new Issued(sign(builder, pair.getPrivate()), pair.getPrivate());
    }

    private static Issued issueServer(Issued ca, Set<String> names, Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair pair = newKeyPair();
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        List<GeneralName> alternatives = new ArrayList<>();
        for (String n : names) {
            alternatives.add(new GeneralName(isAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(SERVER_VALIDITY)),
                new X500Name("O=Ward,CN=localhost"), pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(alternatives.toArray(GeneralName[]::new)))
                .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
        return new Issued(sign(builder, ca.key()), pair.getPrivate());
    }

    private static boolean isAddress(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static boolean expiresBefore(X509Certificate certificate, Instant when) {
        return certificate.getNotAfter().toInstant().isBefore(when);
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The subject alternative names, normalised as {@link #serverNames} writes them. */
    static Set<String> namesOf(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> names = new TreeSet<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> alternative : alternatives) {
                String value = alternative.get(1).toString();
                names.add(value.equals("0:0:0:0:0:0:0:1") ? "::1" : value);
            }
        }
        return names;
    }

    /** The certificate and key kept in two files, or null when either is missing or unreadable (then reissued). */
    private static Issued read(Path certificateFile, Path keyFile) throws IOException {
        if (!Files.exists(certificateFile) || !Files.exists(keyFile)) {
            return null;
        }
        try (Reader certificateText = Files.newBufferedReader(certificateFile);
             PEMParser certificates = new PEMParser(certificateText);
             Reader keyText = Files.newBufferedReader(keyFile);
             PEMParser keys = new PEMParser(keyText)) {
            Object holder = certificates.readObject();
            Object key = keys.readObject();
            if (!(holder instanceof X509CertificateHolder h)) {
                return null;
            }
            PrivateKeyInfo info = key instanceof PrivateKeyInfo pkcs8 ? pkcs8
                    : key instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : null;
            if (info == null) {
                return null;
            }
            Issued issued = new Issued(new JcaX509CertificateConverter().getCertificate(h),
                    new JcaPEMKeyConverter().getPrivateKey(info));
            return keyMatches(issued) ? issued : null;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return null;
        }
    }

    /** A key written without its certificate (a start stopped in between) must not be paired with the old one. */
    private static boolean keyMatches(Issued issued) throws GeneralSecurityException {
        byte[] probe = "ward".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issued.key());
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(issued.certificate().getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    /** Writes the key first into a file created 0600, then the certificate chain; each through a temporary file. */
    private static void write(Issued issued, Path certificateFile, Path keyFile, List<X509Certificate> chain)
            throws IOException {
        writePrivate(keyFile, pem(List.of(new JcaPKCS8Generator(issued.key(), null))));
        Path temp = Files.createTempFile(certificateFile.getParent(), ".ward-tls-", ".tmp");
        Files.writeString(temp, pem(chain), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, certificateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".ward-tls-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** PEM text of certificates or PKCS#8 keys ("PRIVATE KEY", as openssl writes them). */
    private static String pem(List<?> objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        }
        return text.toString();
    }
}
