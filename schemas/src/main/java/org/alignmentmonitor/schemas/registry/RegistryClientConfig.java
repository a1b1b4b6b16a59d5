package org.alignmentmonitor.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach a schema registry, read from Confluent's property names so existing serde configs work
 * unchanged. Secrets never appear in {@link #toString()}.
 */
public record RegistryClientConfig(List<URI> urls, Credentials credentials, TlsSettings tls,
                                   Duration connectTimeout, Duration requestTimeout, int cacheCapacity) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_CACHE_CAPACITY = 1000;
    /** Confluent's default store type; the JDK's JKS loader reads PKCS12 files too. */
    static final String DEFAULT_STORE_TYPE = "JKS";

    public RegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(URL + " must list at least one registry URL");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new ConfigException("registry timeouts must be positive, got " + connectTimeout + " and " + requestTimeout);
        }
        if (cacheCapacity < 1) {
            throw new ConfigException(MAX_SCHEMAS_PER_SUBJECT + " must be positive, got " + cacheCapacity);
        }
    }

    /** The credentials sent with every request. */
    public sealed interface Credentials permits NoCredentials, BasicCredentials, BearerToken {
        /** Value of the Authorization header, if any. */
        Optional<String> authorizationHeader();
    }

    public record NoCredentials() implements Credentials {
        @Override
        public Optional<String> authorizationHeader() {
            return Optional.empty();
        }
    }

    public record BasicCredentials(String user, String password) implements Credentials {
        @Override
        public Optional<String> authorizationHeader() {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return Optional.of("Basic " + token);
        }

        @Override
        public String toString() {
            return "BasicCredentials[user=" + user + ", password=****]";
        }
    }

    public record BearerToken(String token) implements Credentials {
        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "BearerToken[****]";
        }
    }

    /** Trust store (server certificates to trust) and key store (client certificate), both optional. */
    public record TlsSettings(Optional<Store> truststore, Optional<Store> keystore, Optional<String> keyPassword) {
        public boolean isConfigured() {
            return truststore.isPresent() || keystore.isPresent();
        }

        @Override
        public String toString() {
            return "TlsSettings[truststore=" + truststore.map(Store::toString).orElse("default")
                    + ", keystore=" + keystore.map(Store::toString).orElse("none") + "]";
        }
    }

    /** A key or trust store file; {@code password} may be absent for a trust store. */
    public record Store(Path location, Optional<String> password, String type) {
        @Override
        public String toString() {
            return location + " (" + type + ")";
        }
    }

    /** Reads and validates the Confluent-named properties; throws {@link ConfigException} with a fix-it message. */
    public static RegistryClientConfig fromProperties(Map<String, ?> props) {
        Properties p = new Properties(props);
        List<URI> urls = urls(p.get(URL).orElseThrow(() -> new ConfigException(
                URL + " is required: a comma-separated list of registry URLs, e.g. http://localhost:8081")));
        Credentials credentials = credentials(p, urls);
        return new RegistryClientConfig(stripUserInfo(urls), credentials, tls(p),
                Duration.ofMillis(p.positiveLong(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT.toMillis())),
                Duration.ofMillis(p.positiveLong(REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT.toMillis())),
                Math.toIntExact(p.positiveLong(MAX_SCHEMAS_PER_SUBJECT, DEFAULT_CACHE_CAPACITY)));
    }

    private static List<URI> urls(String value) {
        List<URI> urls = new ArrayList<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                throw new ConfigException(URL + " entry '" + trimmed + "' is not a valid URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new ConfigException(URL + " entry '" + trimmed + "' is not a registry URL: expected http://host:port or https://host:port");
            }
            urls.add(uri);
        }
        if (urls.isEmpty()) {
            throw new ConfigException(URL + " lists no URL: expected e.g. http://localhost:8081");
        }
        return urls;
    }

    private static Credentials credentials(Properties p, List<URI> urls) {
        Optional<String> basicSource = p.get(BASIC_AUTH_SOURCE).map(s -> s.toUpperCase(Locale.ROOT));
        Optional<String> userInfo = p.get(BASIC_AUTH_USER_INFO);
        Optional<String> bearerSource = p.get(BEARER_AUTH_SOURCE).map(s -> s.toUpperCase(Locale.ROOT));
        Optional<Credentials> basic = basicCredentials(basicSource, userInfo, urls);
        Optional<Credentials> bearer = bearerToken(bearerSource, p.get(BEARER_AUTH_TOKEN));
        if (basic.isPresent() && bearer.isPresent()) {
            throw new ConfigException("both basic and bearer authentication are configured: set either "
                    + BASIC_AUTH_SOURCE + " or " + BEARER_AUTH_SOURCE + ", not both");
        }
        return basic.or(() -> bearer).orElse(new NoCredentials());
    }

    private static Optional<Credentials> basicCredentials(Optional<String> source, Optional<String> userInfo, List<URI> urls) {
        // Confluent's default source is URL; a user.info without a source clearly means USER_INFO.
        String effective = source.orElse(userInfo.isPresent() ? "USER_INFO" : "URL");
        switch (effective) {
            case "USER_INFO":
                String info = userInfo.orElseThrow(() -> new ConfigException(
                        BASIC_AUTH_USER_INFO + " is required when " + BASIC_AUTH_SOURCE + "=USER_INFO, as 'user:password'"));
                return Optional.of(splitUserInfo(info, BASIC_AUTH_USER_INFO));
            case "URL":
                return urls.stream().map(URI::getRawUserInfo).filter(i -> i != null && !i.isEmpty()).findFirst()
                        .map(i -> splitUserInfo(URLDecoder.decode(i, StandardCharsets.UTF_8), URL + " user info"));
            case "SASL_INHERIT":
                throw new ConfigException(BASIC_AUTH_SOURCE + "=SASL_INHERIT is not supported: use USER_INFO with " + BASIC_AUTH_USER_INFO);
            default:
                throw new ConfigException(BASIC_AUTH_SOURCE + " must be USER_INFO or URL, got '" + effective + "'");
        }
    }

    private static BasicCredentials splitUserInfo(String info, String origin) {
        int colon = info.indexOf(':');
        if (colon <= 0) {
            throw new ConfigException(origin + " must have the form 'user:password' (the user part is missing or there is no ':')");
        }
        return new BasicCredentials(info.substring(0, colon), info.substring(colon + 1));
    }

    private static Optional<Credentials> bearerToken(Optional<String> source, Optional<String> token) {
        if (source.isEmpty()) {
            if (token.isPresent()) {
                throw new ConfigException(BEARER_AUTH_TOKEN + " is set but " + BEARER_AUTH_SOURCE + " is not: set it to STATIC_TOKEN");
            }
            return Optional.empty();
        }
        if (!source.get().equals("STATIC_TOKEN")) {
            throw new ConfigException(BEARER_AUTH_SOURCE + "=" + source.get() + " is not supported: only STATIC_TOKEN (with "
                    + BEARER_AUTH_TOKEN + ")");
        }
        return Optional.of(new BearerToken(token.orElseThrow(() -> new ConfigException(
                BEARER_AUTH_TOKEN + " is required when " + BEARER_AUTH_SOURCE + "=STATIC_TOKEN"))));
    }

    /** The credentials were taken from the URLs already; keeping them would leak them into logs. */
    private static List<URI> stripUserInfo(List<URI> urls) {
        return urls.stream().map(u -> u.getRawUserInfo() == null ? u
                : URI.create(u.getScheme() + "://" + u.getRawAuthority().substring(u.getRawAuthority().indexOf('@') + 1)
                        + (u.getRawPath() == null ? "" : u.getRawPath()))).toList();
    }

    private static TlsSettings tls(Properties p) {
        Optional<Store> truststore = store(p, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, false);
        Optional<Store> keystore = store(p, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE, true);
        Optional<String> keyPassword = p.get(KEY_PASSWORD);
        if (keyPassword.isPresent() && keystore.isEmpty()) {
            throw new ConfigException(KEY_PASSWORD + " is set but " + KEYSTORE_LOCATION + " is not");
        }
        return new TlsSettings(truststore, keystore, keyPassword);
    }

    private static Optional<Store> store(Properties p, String locationKey, String passwordKey, String typeKey, boolean passwordRequired) {
        Optional<String> location = p.get(locationKey);
        if (location.isEmpty()) {
            if (p.get(passwordKey).isPresent()) {
                throw new ConfigException(passwordKey + " is set but " + locationKey + " is not");
            }
            return Optional.empty();
        }
        Path path = Path.of(location.get());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(locationKey + "=" + path + ": no such readable file");
        }
        Optional<String> password = p.get(passwordKey);
        if (passwordRequired && password.isEmpty()) {
            throw new ConfigException(passwordKey + " is required with " + locationKey);
        }
        String type = p.get(typeKey).orElse(DEFAULT_STORE_TYPE);
        try {
            KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new ConfigException(typeKey + "=" + type + " is not a key store type this JVM knows (try JKS or PKCS12)");
        }
        return Optional.of(new Store(path, password, type));
    }

    /** Property values as Kafka hands them over: strings, numbers or {@link Password}s. */
    private record Properties(Map<String, ?> values) {
        Optional<String> get(String key) {
            Object value = values.get(key);
            String text = value instanceof Password password ? password.value() : value == null ? null : value.toString();
            return Optional.ofNullable(text).map(String::trim).filter(s -> !s.isEmpty());
        }

        long positiveLong(String key, long defaultValue) {
            Optional<String> text = get(key);
            if (text.isEmpty()) {
                return defaultValue;
            }
            try {
                long value = Long.parseLong(text.get());
                if (value > 0 && value <= Integer.MAX_VALUE) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(key + " must be a positive integer, got '" + text.get() + "'");
        }
    }
}
