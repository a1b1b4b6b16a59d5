package org.alignmentmonitor.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed key pairs and trust stores made with the JDK's keytool, as an operator would. */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A PKCS12 key store holding a fresh key pair for {@code name}, valid for localhost and 127.0.0.1. */
    Path keyPair(String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + "-keystore.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** A PKCS12 trust store holding the certificate of {@code keyStore}'s key pair {@code name}. */
    Path trustStoreFor(Path keyStore, String name) throws IOException, InterruptedException {
        Path cert = dir.resolve(name + ".crt");
        Path store = dir.resolve(name + "-truststore.p12");
        keytool("-exportcert", "-alias", name, "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return store;
    }

    static SSLContext serverContext(Path keyStore, Path trustStore) throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keyStore), PASSWORD.toCharArray());
        TrustManagerFactory tmf = null;
        if (trustStore != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path path) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
