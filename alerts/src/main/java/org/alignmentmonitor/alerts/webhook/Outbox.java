package org.alignmentmonitor.alerts.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries that ran out of attempts, as an append-only JSON-lines file ({@code outbox.jsonl}) in a
 * directory of their own. {@link #claim()} renames the file before re-delivery, so new failures go to a
 * fresh file meanwhile, and a crash during re-delivery leaves the claimed file for the next start:
 * entries are only deleted after each was delivered or appended again, never lost (maybe repeated).
 */
public final class Outbox {

    /** One undelivered event for one endpoint, with the body exactly as it was to be sent. */
    public record Entry(String endpoint, String eventId, String body) {}

    /** Entries taken for re-delivery; {@link #done()} deletes their files once every entry is settled. */
    public record Claim(List<Entry> entries, List<Path> files) {
        public void done() {
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete claimed outbox file " + file, e);
                }
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "outbox.jsonl";
    private static final String CLAIMED_PREFIX = "outbox-claimed-";

    private final Path directory;

    public Outbox(Path directory) {
        this.directory = directory;
    }

    /** Appends and forces the entry to disk before returning. */
    public synchronized void append(Entry entry) throws IOException {
        Files.createDirectories(directory);
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(directory.resolve(FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line));
            channel.force(true);
        }
    }

    /** Every waiting entry: the current file plus any claimed earlier and not finished (a crash). */
    public synchronized Claim claim() throws IOException {
        Files.createDirectories(directory);
        Path current = directory.resolve(FILE);
        if (Files.exists(current)) {
            Files.move(current, directory.resolve(CLAIMED_PREFIX + System.currentTimeMillis() + "-" + System.nanoTime() + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> claimed = Files.newDirectoryStream(directory, CLAIMED_PREFIX + "*.jsonl")) {
            claimed.forEach(files::add);
        }
        files.sort(null);
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(JSON.readValue(line, Entry.class));
                } catch (IOException e) {
                    // Only a crash in the middle of an append leaves such a line; the others stay readable.
                    LOG.warn("skipping unreadable outbox line in {}: {}", file, e.getMessage());
                }
            }
        }
        return new Claim(entries, files);
    }
}
