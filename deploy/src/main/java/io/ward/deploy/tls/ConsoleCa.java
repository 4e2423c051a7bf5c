package io.ward.deploy.tls;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A console's CA certificate: the extra trust anchor that the CLI and the defender add to the system's when the console
 * uses a private CA (`ward up --tls` generates one). Only a parseable X.509 certificate that is a CA is accepted.
 */
public record ConsoleCa(X509Certificate certificate) {

    /** Reads a PEM file holding one CA certificate; a one-line usage error names the flag and the file otherwise. */
    public static ConsoleCa read(String flag, Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, flag + " " + file + " cannot be read: " + e.getMessage());
        }
        return parse(flag + " " + file, pem);
    }

    /** Parses PEM text; {@code what} names its origin in the error message. */
    public static ConsoleCa parse(String what, String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new CliException(ExitCode.USAGE, what + " is not a PEM certificate (no BEGIN CERTIFICATE line)");
        }
        List<X509Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new CliException(ExitCode.USAGE, what + " is not a valid X.509 certificate: " + e.getMessage());
        }
        if (certificates.size() != 1) {
            throw new CliException(ExitCode.USAGE, what + " holds " + certificates.size()
                    + " certificates; give the console's CA certificate alone");
        }
        return of(what, certificates.get(0));
    }

    /** Accepts a certificate only if it is a CA (basic constraints CA:TRUE). */
    public static ConsoleCa of(String what, X509Certificate certificate) {
        if (certificate.getBasicConstraints() < 0) {
            throw new CliException(ExitCode.USAGE, what + " is not a CA certificate ("
                    + certificate.getSubjectX500Principal().getName()
                    + " has no basic constraint CA:TRUE); give the CA that issued the console's certificate");
        }
        return new ConsoleCa(certificate);
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** SHA-256 of the DER certificate as colon-separated upper-case hex (what `openssl x509 -fingerprint -sha256` prints). */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a fingerprint the user typed (colons, spaces, case and a "sha256:" prefix ignored) is this one's. */
    public boolean matches(String fingerprint) {
        String typed = fingerprint.toLowerCase(Locale.ROOT).replaceFirst("^sha-?256[:=]", "").replaceAll("[^0-9a-f]", "");
        return typed.equals(sha256().replace(":", "").toLowerCase(Locale.ROOT));
    }

    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
