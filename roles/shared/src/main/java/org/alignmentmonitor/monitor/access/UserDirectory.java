package org.alignmentmonitor.monitor.access;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Review users and the SHA-256 of their tokens. Tokens are 256-bit random strings, so a plain hash is enough (no
 * password stretching needed) and the file never holds a usable secret. File format, one user per line:
 * {@code name = <role>:<sha256-hex>}, role one of labeller, lead, on-call, auditor, admin.
 */
public final class UserDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NAME = "[a-z0-9][a-z0-9._-]{0,63}";

    private final Map<String, Entry> users;

    private record Entry(ReviewUser user, byte[] tokenHash) {
    }

    private UserDirectory(Map<String, Entry> users) {
        this.users = Map.copyOf(users);
    }

    public static UserDirectory load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read review users file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Entry> users = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            String[] parts = props.getProperty(name).trim().split(":", 2);
            if (!name.matches(NAME) || parts.length != 2 || !parts[1].matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("user '" + name + "': expected name = <role>:<sha256-hex>, role one of " + Role.names());
            }
            Role role;
            try {
                role = Role.parse(parts[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("user '" + name + "': " + e.getMessage(), e);
            }
            users.put(name, new Entry(new ReviewUser(name, role), HexFormat.of().parseHex(parts[1])));
        }
        return new UserDirectory(users);
    }

    /** Users with the given tokens: for the demo and for tests. */
    public static UserDirectory of(Map<ReviewUser, String> tokens) {
        Map<String, Entry> users = new LinkedHashMap<>();
        tokens.forEach((user, token) -> users.put(user.name(), new Entry(user, sha256(token))));
        return new UserDirectory(users);
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The user holding {@code token}; every entry is compared in constant time so timing tells nothing. */
    public Optional<ReviewUser> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        ReviewUser found = null;
        for (Entry e : users.values()) {
            if (MessageDigest.isEqual(e.tokenHash(), hash)) {
                found = e.user();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The user of that name, if the directory still has them. */
    public Optional<ReviewUser> user(String name) {
        Entry e = users.get(name);
        return e == null ? Optional.empty() : Optional.of(e.user());
    }

    public boolean isLead(String name) {
        Entry e = users.get(name);
        return e != null && e.user().lead();
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
