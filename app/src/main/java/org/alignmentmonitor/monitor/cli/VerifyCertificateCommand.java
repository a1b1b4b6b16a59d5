package org.alignmentmonitor.monitor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.concurrent.Callable;

import org.alignmentmonitor.monitor.certificates.CertificateSeal;
import org.alignmentmonitor.monitor.certificates.SigningKey;
import org.alignmentmonitor.monitor.runtime.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Offline check of a certificate file: no monitor, no Kafka, only the file and optionally the trusted key. */
@Command(name = "verify-certificate", mixinStandardHelpOptions = true,
        description = {"Checks a certificate offline: its content against its digest (naming any changed field) and its",
                "Ed25519 signature. With --public-key, also that the monitor you trust signed it. Exit 0 when valid, 1 when not."})
final class VerifyCertificateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The certificate JSON.")
    Path file;

    @Option(names = "--public-key", paramLabel = "KEY", description = "The trusted public key: a PEM file, or base64 of its X.509 encoding "
            + "(GET /api/v1/certificates/public-key). Without it the key named in the certificate is used, which proves integrity but not origin.")
    String publicKey;

    @Override
    public Integer call() throws Exception {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        CertificateSeal.Verification v = CertificateSeal.verify(text, trustedKey());
        if (v.valid()) {
            System.out.println("OK: " + file + " is intact and correctly signed" + (publicKey == null ? " (by the key it names)" : " by the trusted key"));
            return 0;
        }
        System.out.println("INVALID: " + file);
        v.problems().forEach(p -> System.out.println("  - " + TerminalText.safe(p)));
        return 1;
    }

    private PublicKey trustedKey() {
        if (publicKey == null) {
            return null;
        }
        try {
            Path path = Path.of(publicKey);
            String text = publicKey.length() < 4096 && Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.US_ASCII) : publicKey;
            return SigningKey.parsePublicKey(text);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--public-key is neither a PEM file nor a base64 Ed25519 public key: " + e.getMessage());
        }
    }
}
