package org.alignmentmonitor.monitor.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's Ed25519 key (JDK built-in). Kept in one PEM file holding the PKCS#8 private key
 * and the X.509 public key; generated on first use and written readable by the owner only.
 */
public final class SigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    public static final String ALGORITHM = "Ed25519";
    private static final Pattern PRIVATE = pem("PRIVATE KEY");
    private static final Pattern PUBLIC = pem("PUBLIC KEY");

    private final KeyPair pair;

    private SigningKey(KeyPair pair) {
        this.pair = pair;
    }

    /** Loads the key file, or generates and persists a new key when it does not exist yet. */
    public static synchronized SigningKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new SigningKey(read(Files.readString(file, StandardCharsets.US_ASCII), file));
            }
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, block("PRIVATE KEY", pair.getPrivate().getEncoded())
                    + block("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ownerOnly(file);
            LOG.info("Generated a new certificate signing key in {}", file);
            return new SigningKey(pair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the certificate key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate key file " + file + " holds no usable Ed25519 key: " + e.getMessage());
        }
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** The public key as base64 of its X.509 encoding, the form certificates carry. */
    public String publicKeyBase64() {
        return encode(pair.getPublic());
    }

    public String sign(byte[] content) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(pair.getPrivate());
            s.update(content);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A public key from base64 X.509 or from a PEM text holding a PUBLIC KEY block. */
    public static PublicKey parsePublicKey(String text) throws GeneralSecurityException {
        Matcher m = PUBLIC.matcher(text);
        String base64 = m.find() ? m.group(1) : text;
        byte[] der = Base64.getMimeDecoder().decode(base64.strip());
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    }

    /** PEM text of the public key, for publishing and for {@code verify-certificate --public-key}. */
    public String publicKeyPem() {
        return block("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static KeyPair read(String text, Path file) throws GeneralSecurityException {
        Matcher priv = PRIVATE.matcher(text);
        Matcher pub = PUBLIC.matcher(text);
        if (!priv.find() || !pub.find()) {
            throw new IllegalArgumentException("the certificate key file " + file + " must hold a PRIVATE KEY and a PUBLIC KEY block");
        }
        KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
        PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(priv.group(1))));
        PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(pub.group(1))));
        return new KeyPair(publicKey, privateKey);
    }

    private static Pattern pem(String label) {
        return Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]+)-----END " + label + "-----");
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("Cannot restrict permissions of {} on this file system; protect it yourself", file);
        }
    }
}
