package io.ward.deploy.embed;

import io.ward.deploy.CliException;
import io.ward.deploy.ExitCode;
import io.ward.deploy.tls.ConsoleCa;
import io.ward.deploy.tls.ConsoleCertificates;
import java.io.Console;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which CA the embedded defender trusts for an https console besides the image's system bundle: the one given with
 * {@code --console-ca}; none when the system already trusts the console; otherwise the CA the console presents, once
 * the user confirmed its SHA-256 fingerprint (at the terminal, or with {@code --console-ca-fingerprint}).
 */
final class ConsoleCaChoice {

    private ConsoleCaChoice() {
    }

    /** Asks the user a yes/no question at the terminal; null when there is no terminal. */
    interface Terminal {
        String ask(String question);

        static Terminal system() {
            Console console = System.console();
            return console == null ? null : question -> console.readLine("%s", question);
        }
    }

    /** The CA to embed, or null for none. */
    static ConsoleCa choose(String consoleUrl, Path caFile, String fingerprint, Terminal terminal, PrintStream err) {
        URI console = URI.create(consoleUrl);
        boolean https = "https".equals(console.getScheme());
        if (!https && (caFile != null || fingerprint != null)) {
            throw new CliException(ExitCode.USAGE, (caFile != null ? "--console-ca" : "--console-ca-fingerprint")
                    + " is only for an https console; " + consoleUrl + " is plain http");
        }
        if (!https) {
            return null;
        }
        if (caFile != null) {
            if (fingerprint != null) {
                throw new CliException(ExitCode.USAGE, "give --console-ca or --console-ca-fingerprint, not both");
            }
            return ConsoleCa.read("--console-ca", caFile);
        }
        ConsoleCertificates.Presented presented;
        try {
            presented = ConsoleCertificates.fetch(console);
        } catch (ConsoleCertificates.UnreachableException e) {
            if (fingerprint != null) {
                throw new CliException(ExitCode.FAILED, e.getMessage() + "; its CA cannot be checked against"
                        + " --console-ca-fingerprint (pass the CA itself with --console-ca FILE)");
            }
            // Embedding away from the console is fine: the defender then trusts the image's system CAs only (fails closed).
            err.println("warning: " + e.getMessage() + "; no console CA embedded, so the defender trusts only the"
                    + " image's system CAs (pass --console-ca FILE if the console has its own CA)");
            return null;
        }
        if (presented.systemTrusted()) {
            if (fingerprint != null) {
                err.println("warning: the system's CAs already trust " + consoleUrl + "; --console-ca-fingerprint is ignored");
            }
            return null;
        }
        ConsoleCa ca = presented.topCa(console);
        if (fingerprint != null) {
            if (!ca.matches(fingerprint)) {
                throw new CliException(ExitCode.USAGE, "the CA " + consoleUrl + " presents (" + ca.subject()
                        + ", SHA-256 " + ca.sha256() + ") does not have the --console-ca-fingerprint given; nothing written");
            }
        } else if (terminal == null) {
            throw new CliException(ExitCode.USAGE, consoleUrl + " uses a CA the system does not trust; pass it with"
                    + " --console-ca FILE, or confirm its SHA-256 with --console-ca-fingerprint (no terminal to ask)");
        } else {
            err.println(consoleUrl + " presents a certificate from a CA the system does not trust:");
            err.println("  subject: " + ca.subject());
            err.println("  SHA-256: " + ca.sha256());
            String answer = terminal.ask("Trust this CA for the defender and put it into the image? [y/N] ");
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                throw new CliException(ExitCode.USAGE, "the console's CA was not confirmed; nothing written");
            }
        }
        // The chain must also be valid with this CA for the console's host name, or the defender would refuse it.
        ConsoleCertificates.verify(console, ca);
        return ca;
    }
}
