package org.alignmentmonitor.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.alignmentmonitor.schemas.registry.RegistryClientConfig.Store;
import org.alignmentmonitor.schemas.registry.RegistryClientConfig.TlsSettings;
import org.apache.kafka.common.config.ConfigException;

/** Builds the SSLContext for HTTPS registries from the configured trust and key stores. */
final class TlsContextFactory {

    private TlsContextFactory() {
    }

    /** The JVM's default context (system CAs) unless stores are configured. */
    static SSLContext create(TlsSettings tls) {
        try {
            if (!tls.isConfigured()) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory tmf = null;
            if (tls.truststore().isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.truststore().get(), RegistryClientConfig.TRUSTSTORE_LOCATION));
            }
            KeyManagerFactory kmf = null;
            if (tls.keystore().isPresent()) {
                Store store = tls.keystore().get();
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = tls.keyPassword().or(store::password).orElse("");
                kmf.init(load(store, RegistryClientConfig.KEYSTORE_LOCATION), keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS for the schema registry client: " + e.getMessage());
        }
    }

    private static KeyStore load(Store store, String property) {
        try (InputStream in = Files.newInputStream(store.location())) {
            KeyStore keyStore = KeyStore.getInstance(store.type());
            keyStore.load(in, store.password().map(String::toCharArray).orElse(null));
            return keyStore;
        } catch (IOException | GeneralSecurityException e) {
            // IOException is how KeyStore.load reports a wrong password or a file of another type.
            throw new ConfigException("cannot load " + property + "=" + store.location() + " as " + store.type() + ": " + e.getMessage());
        }
    }
}
