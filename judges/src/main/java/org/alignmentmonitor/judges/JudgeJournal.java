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
 * "done" are the judgments a previous run left unfinished; the file is then compacted to just
 * those. A torn last line (crash mid-write) is skipped. Thread-safe.
 */
public final class JudgeJournal implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(JudgeJournal.class);

    /** A judgment the previous run did not finish. */
    public record Pending(String key, Interaction interaction, long enqueuedAtMillis) {}

    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private final boolean fsync;
    private final List<Pending> recovered;
    private final FileChannel channel;
    private final BufferedWriter writer;

    private JudgeJournal(Path file, boolean fsync) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.recovered = List.copyOf(read(file).values());
        compact();
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
    }

    public static JudgeJournal open(Path dir, String judgeId, boolean fsync) throws IOException {
        AvroTrust.install(); // decoding Interaction needs the generated package trusted
        Files.createDirectories(dir);
        return new JudgeJournal(dir.resolve(judgeId.replaceAll("[^A-Za-z0-9._-]", "_") + ".pending.jsonl"), fsync);
    }

    public Path file() {
        return file;
    }

    /** Judgments left unfinished by the previous run, in the order they were started. */
    public List<Pending> recovered() {
        return recovered;
    }

    public void appendPending(String key, Interaction interaction, long enqueuedAtMillis) throws IOException {
        ObjectNode line = json.createObjectNode().put("op", "pending").put("key", key).put("at", enqueuedAtMillis);
        ByteBuffer avro = interaction.toByteBuffer();
        byte[] bytes = new byte[avro.remaining()];
        avro.get(bytes);
        line.put("interaction", Base64.getEncoder().encodeToString(bytes));
        write(line);
    }

    public void appendDone(String key, JudgeResult result) throws IOException {
        write(json.createObjectNode().put("op", "done").put("key", key).put("status", result.status().name())
                .put("reason", result.reason()));
    }

    private synchronized void write(ObjectNode line) throws IOException {
        writer.write(line.toString());
        writer.write('\n');
        writer.flush();
        if (fsync) {
            channel.force(false);
        }
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

    /** Rewrites the file with only the recovered entries, atomically, so it does not grow forever. */
    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Pending p : recovered) {
                ByteBuffer avro = p.interaction().toByteBuffer();
                byte[] bytes = new byte[avro.remaining()];
                avro.get(bytes);
                out.write(json.createObjectNode().put("op", "pending").put("key", p.key()).put("at", p.enqueuedAtMillis())
                        .put("interaction", Base64.getEncoder().encodeToString(bytes)).toString());
                out.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /** Entries without a "done" in the file right now; for tests and diagnostics. */
    public List<Pending> readPendingNow() throws IOException {
        synchronized (this) {
            writer.flush();
        }
        return new ArrayList<>(read(file).values());
    }
}
