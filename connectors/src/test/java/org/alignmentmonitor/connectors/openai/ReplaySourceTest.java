package org.alignmentmonitor.connectors.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.RecordSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {

    @TempDir
    Path dir;

    private final List<Interaction> accepted = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final RecordSink sink = new RecordSink() {
        @Override
        public void accept(Interaction interaction) {
            accepted.add(interaction);
        }

        @Override
        public void reject(LogLine line, String reason) {
            rejected.add(line.location() + ": " + reason);
        }
    };

    @Test
    void replaysPlainAndGzippedFilesInOrder() throws IOException {
        String second = LogRecords.line(r -> LogRecords.response(r).put("id", "chatcmpl-2")).text();
        Files.writeString(dir.resolve("b.jsonl"), LogRecords.line(r -> { }).text() + "\n\nnot json\n");
        Files.createDirectories(dir.resolve("sub"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("sub/a.jsonl.gz")))) {
            out.write((second + "\n").getBytes(StandardCharsets.UTF_8));
        }

        ReplayStats stats = new ReplaySource(new OpenAiLogParser()).replay(List.of(dir), sink);

        assertThat(stats).isEqualTo(new ReplayStats(3, 2, 1));
        assertThat(accepted).extracting(Interaction::getId).containsExactly("chatcmpl-1", "chatcmpl-2");
        assertThat(accepted.get(1).getMetadata()).containsEntry("source", dir.resolve("sub/a.jsonl.gz") + ":1");
        assertThat(rejected).containsExactly(dir.resolve("b.jsonl") + ":3: not JSON: Unrecognized token 'not': "
                + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at column 1");
    }

    @Test
    void rejectsAnOversizedLineWithoutHoldingIt() throws IOException {
        Files.writeString(dir.resolve("big.jsonl"), "{\"pad\": \"" + "x".repeat(100_000) + "\"}\n" + LogRecords.line(r -> { }).text());

        ReplayStats stats = new ReplaySource(new OpenAiLogParser(ModelVersionRule.defaultRule(), 1000,
                Clock.systemUTC())).replay(List.of(dir), sink);

        assertThat(stats).isEqualTo(new ReplayStats(2, 1, 1));
        assertThat(rejected).containsExactly(dir.resolve("big.jsonl") + ":1: record larger than 1000 bytes");
    }
}
