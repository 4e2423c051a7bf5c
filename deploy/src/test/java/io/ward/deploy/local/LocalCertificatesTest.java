package io.ward.deploy.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ward.deploy.tls.ConsoleCa;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local console's CA and server certificate: generated once, private keys 0600, reused, reissued when needed. */
class LocalCertificatesTest {

    private static final Set<String> NAMES = Set.of("127.0.0.1", "::1", "localhost");

    @TempDir
    Path data;

    @Test
    void theFirstStartIssuesACaAndAServerCertificateForTheLocalNames() throws Exception {
        LocalCertificates certificates = new LocalCertificates(data);
        certificates.serverContext(NAMES);

        ConsoleCa ca = ConsoleCa.read("ca", certificates.caFile());
        assertTrue(ca.subject().startsWith("CN=Ward local console CA"), ca.subject());
        List<X509Certificate> chain = chain(certificates.serverFile());
        assertEquals(2, chain.size(), "the server sends its certificate and the CA's");
        X509Certificate server = chain.get(0);
        server.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate(), chain.get(1));
        assertEquals(NAMES, LocalCertificates.namesOf(server));
        assertEquals(-1, server.getBasicConstraints(), "the server certificate is no CA");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage(), "serverAuth only");
        for (Path key : List.of(certificates.caKeyFile(), certificates.serverKeyFile())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)), key.toString());
            assertTrue(Files.readString(key).contains("PRIVATE KEY"), key.toString());
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(certificates.caFile())));
    }

    @Test
    void laterStartsReuseThemAndOnlyNewNamesOrANewCaReissueTheServerCertificate() throws Exception {
        LocalCertificates certificates = new LocalCertificates(data);
        certificates.serverContext(NAMES);
        byte[] ca = Files.readAllBytes(certificates.caFile());
        byte[] server = Files.readAllBytes(certificates.serverFile());
        byte[] serverKey = Files.readAllBytes(certificates.serverKeyFile());

        new LocalCertificates(data).serverContext(NAMES);
        assertArrayEquals(ca, Files.readAllBytes(certificates.caFile()), "the CA is kept");
        assertArrayEquals(server, Files.readAllBytes(certificates.serverFile()), "the server certificate is kept");
        assertArrayEquals(serverKey, Files.readAllBytes(certificates.serverKeyFile()));

        Set<String> more = Set.of("127.0.0.1", "::1", "localhost", "ward.lan");
        new LocalCertificates(data).serverContext(more);
        assertArrayEquals(ca, Files.readAllBytes(certificates.caFile()), "new names keep the CA");
        assertEquals(more, LocalCertificates.namesOf(chain(certificates.serverFile()).get(0)));

        byte[] server2 = Files.readAllBytes(certificates.serverFile());
        Path otherKey = data.resolve("other");
        new LocalCertificates(otherKey).serverContext(NAMES);
        Files.copy(otherKey.resolve("tls/server-key.pem"), certificates.serverKeyFile(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        new LocalCertificates(data).serverContext(more);
        assertFalse(java.util.Arrays.equals(server2, Files.readAllBytes(certificates.serverFile())),
                "a key that does not match its certificate gets both issued again");
        assertArrayEquals(ca, Files.readAllBytes(certificates.caFile()));

        Files.delete(certificates.caKeyFile());
        new LocalCertificates(data).serverContext(more);
        assertFalse(java.util.Arrays.equals(ca, Files.readAllBytes(certificates.caFile())), "a lost CA key means a new CA");
        chain(certificates.serverFile()).get(0).verify(ConsoleCa.read("ca", certificates.caFile()).certificate().getPublicKey());
    }

    @Test
    void anExpiringServerCertificateIsRenewedAndAnExpiringCaReplaced() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(391)), ZoneOffset.UTC);
        LocalCertificates certificates = new LocalCertificates(data, past);
        certificates.serverContext(NAMES);
        byte[] ca = Files.readAllBytes(certificates.caFile());
        X509Certificate old = chain(certificates.serverFile()).get(0);

        new LocalCertificates(data).serverContext(NAMES);
        X509Certificate renewed = chain(certificates.serverFile()).get(0);
        assertTrue(renewed.getNotAfter().after(old.getNotAfter()), "the server certificate expiring in 6 days is renewed");
        assertArrayEquals(ca, Files.readAllBytes(certificates.caFile()), "the CA is still good for years");

        Path older = data.resolve("older");
        LocalCertificates oldCa = new LocalCertificates(older,
                Clock.fixed(Instant.now().minus(Duration.ofDays(3645)), ZoneOffset.UTC));
        oldCa.serverContext(NAMES);
        byte[] expiringCa = Files.readAllBytes(oldCa.caFile());
        new LocalCertificates(older).serverContext(NAMES);
        assertFalse(java.util.Arrays.equals(expiringCa, Files.readAllBytes(oldCa.caFile())), "a CA expiring in 5 days is replaced");
        chain(oldCa.serverFile()).get(0).verify(ConsoleCa.read("ca", oldCa.caFile()).certificate().getPublicKey());
    }

    @Test
    void theNamesAreTheLoopbackOnesThisHostAndWhereTheConsoleListens() throws Exception {
        Set<String> loopback = LocalCertificates.serverNames("127.0.0.1");
        assertTrue(loopback.containsAll(NAMES), loopback.toString());
        assertTrue(loopback.contains(java.net.InetAddress.getLocalHost().getHostName()), loopback.toString());
        assertTrue(LocalCertificates.serverNames("ward.lan").contains("ward.lan"));
        Set<String> everywhere = LocalCertificates.serverNames("0.0.0.0");
        assertFalse(everywhere.contains("0.0.0.0"));
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address) {
                    assertTrue(everywhere.contains(address.getHostAddress()), address + " in " + everywhere);
                }
            }
        }
        LocalCertificates certificates = new LocalCertificates(data);
        certificates.serverContext(everywhere);
        assertEquals(everywhere, LocalCertificates.namesOf(chain(certificates.serverFile()).get(0)));
    }

    static List<X509Certificate> chain(Path pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))).stream()
                .map(X509Certificate.class::cast).toList();
    }
}
