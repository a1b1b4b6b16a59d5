package org.alignmentmonitor.judges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.schemas.AvroTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only JSONL journal of pending judgments, one file per judge:
 * {@code {"op":"pending","key":...,"at":millis,"interaction":base64 Avro}} before a call and
 * {@code {"op":"done","key":...,"status":...,"reason":...}} after it. On open, the entries without a
 * "done" are the judgments a previous run left unfinished. The file is compacted to the
 * unfinished entries on open and, while running, whenever it holds {@code compactEvery} lines and
 * at least four times as many lines as unfinished entries, so it never grows without bound. A torn
 * last line (crash mid-write) is skipped. Thread-safe.
 */
public final class JudgeJournal implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(JudgeJournal.class);
    public static final int DEFAULT_COMPACT_EVERY = 10_000;

    /** A judgment the previous run did not finish. */
    public record Pending(String key, Interaction interaction, long enqueuedAtMillis) {}

    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private final boolean fsync;
    private final int compactEvery;
    private final List<Pending> recovered;
    /** The "pending" line of every unfinished judgment: what a compaction keeps. */
    private final Map<String, String> live = new LinkedHashMap<>();
    private long linesInFile;
    private FileChannel channel;
    private BufferedWriter writer;

    private JudgeJournal(Path file, boolean fsync, int compactEvery) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.compactEvery = compactEvery;
        this.recovered = List.copyOf(read(file).values());
        for (Pending p : recovered) {
            live.put(p.key(), pendingLine(p.key(), p.interaction(), p.enqueuedAtMillis()));
        }
        compactAndReopen();
    }

    public static JudgeJournal open(Path dir, String judgeId, boolean fsync) throws IOException {
        return open(dir, judgeId, fsync, DEFAULT_COMPACT_EVERY);
    }

    public static JudgeJournal open(Path dir, String judgeId, boolean fsync, int compactEvery) throws IOException {
        AvroTrust.install(); // decoding Interaction needs the generated package trusted
        Files.createDirectories(dir);
        return new JudgeJournal(dir.resolve(judgeId.replaceAll("[^A-Za-z0-9._-]", "_") + ".pending.jsonl"), fsync,
                Math.max(1, compactEvery));
    }

    public Path file() {
        return file;
    }

    /** Judgments left unfinished by the previous run, in the order they were started. */
    public List<Pending> recovered() {
        return recovered;
    }

    public synchronized void appendPending(String key, Interaction interaction, long enqueuedAtMillis) throws IOException {
        String line = pendingLine(key, interaction, enqueuedAtMillis);
        live.put(key, line);
        write(line);
    }

    public synchronized void appendDone(String key, JudgeResult result) throws IOException {
        live.remove(key);
        write(json.createObjectNode().put("op", "done").put("key", key).put("status", result.status().name())
                .put("reason", result.reason()).toString());
        if (linesInFile >= compactEvery && linesInFile >= 4L * live.size()) {
            compactAndReopen();
        }
    }

    /** Lines in the file now (tests, diagnostics). */
    public synchronized long lines() {
        return linesInFile;
    }

    private String pendingLine(String key, Interaction interaction, long enqueuedAtMillis) throws IOException {
        ByteBuffer avro = interaction.toByteBuffer();
        byte[] bytes = new byte[avro.remaining()];
        avro.get(bytes);
        ObjectNode line = json.createObjectNode().put("op", "pending").put("key", key).put("at", enqueuedAtMillis);
        line.put("interaction", Base64.getEncoder().encodeToString(bytes));
        return line.toString();
    }

    private void write(String line) throws IOException {
        writer.write(line);
        writer.write('\n');
        writer.flush();
        if (fsync) {
            channel.force(false);
        }
        linesInFile++;
    }

    private Map<String, Pending> read(Path path) throws IOException {
        Map<String, Pending> pending = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return pending;
        }
        int skipped = 0;
        Exception firstError = null;
        for (String text : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode line = json.readTree(text);
                String key = line.path("key").asText();
                if ("pending".equals(line.path("op").asText())) {
                    Interaction interaction = Interaction.fromByteBuffer(
                            ByteBuffer.wrap(Base64.getDecoder().decode(line.path("interaction").asText())));
                    pending.put(key, new Pending(key, interaction, line.path("at").asLong()));
                } else {
                    pending.remove(key);
                }
            } catch (IOException | RuntimeException e) {
                skipped++;
                firstError = firstError == null ? e : firstError;
            }
        }
        if (skipped > 0) {
            log.warn("Skipped {} unreadable line(s) of judge journal {} (torn write?): {}", skipped, path, firstError.toString());
        }
        return pending;
    }

    /** Rewrites the file with only the unfinished entries, atomically, then appends to the new file. */
    private void compactAndReopen() throws IOException {
        if (writer != null) {
            writer.close();
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             BufferedWriter lines = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(out), StandardCharsets.UTF_8))) {
            for (String line : live.values()) {
                lines.write(line);
                lines.write('\n');
            }
            lines.flush();
            out.force(false); // the rename must never expose a file whose lines are not on disk yet
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        linesInFile = live.size();
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /** Entries without a "done" in the file right now; for tests and diagnostics. */
    public synchronized List<Pending> readPendingNow() throws IOException {
        writer.flush();
        return new ArrayList<>(read(file).values());
    }
}
