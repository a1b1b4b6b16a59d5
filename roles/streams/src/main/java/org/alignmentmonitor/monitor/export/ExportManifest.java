package org.alignmentmonitor.monitor.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code manifest.json} of an export: the window, how items were sampled, and the SHA-256 and size of every file, so
 * an auditor can tell that the files are the ones the monitor wrote.
 *
 * @param from                 the window actually covered (whole buckets), ISO-8601
 * @param samplingSaltSha256   SHA-256 of the sampling salt: whoever holds the salt can check it and re-derive each draw
 */
public record ExportManifest(String format, String model, String version, String from, String to, String generatedAt,
                             String samplingSaltSha256, List<String> samplerVersions, List<FileEntry> files) {

    public static final String FORMAT = "alignment-monitor-export-1";
    public static final String FILE_NAME = "manifest.json";

    /** One file of the export. */
    public record FileEntry(String name, String sha256, long bytes, long rows) {
    }

    /** Reads {@code dir/manifest.json} and checks every file it lists; fails naming the first file that differs. */
    public static ExportManifest readVerified(Path dir, ObjectMapper json) {
        ExportManifest manifest;
        try {
            manifest = json.readValue(dir.resolve(FILE_NAME).toFile(), ExportManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(manifest.format())) {
            throw new IllegalArgumentException("not an export of this format: " + manifest.format());
        }
        for (FileEntry f : manifest.files()) {
            if (!f.name().matches("[a-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("manifest lists an unsafe file name: " + f.name());
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(dir.resolve(f.name()));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("export file missing: " + f.name(), e);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + f.name() + ": " + e.getMessage(), e);
            }
            if (bytes.length != f.bytes() || !sha256(bytes).equals(f.sha256())) {
                throw new IllegalArgumentException(f.name() + " does not match its SHA-256 in the manifest: the file was changed");
            }
        }
        return manifest;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
