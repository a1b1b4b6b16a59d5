package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.alignmentmonitor.avro.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficLogsTest {

    private static final String LINE = "{\"request\": {\"model\": \"m:v1\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]},"
            + " \"response\": {\"id\": \"c1\", \"created\": 60, \"model\": \"m:v1\","
            + " \"choices\": [{\"finish_reason\": \"stop\", \"message\": {\"content\": \"hello\"}}]}}\n";

    @TempDir
    Path dir;

    @Test
    void shouldListPlainAndGzippedLogsWhenBothAreInTheDirectory() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), LINE);
        writeGzipped(dir.resolve("b.jsonl.gz"), LINE);
        Files.writeString(dir.resolve("notes.txt"), "not a log");

        assertThat(TrafficLogs.files(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("a.jsonl", "b.jsonl.gz");
    }

    @Test
    void shouldReadTheSameInteractionsWhenTheLogIsGzipped() throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), LINE);
        writeGzipped(dir.resolve("a.jsonl.gz"), LINE);

        List<Interaction> gzipped = TrafficLogs.read(dir.resolve("a.jsonl.gz"));

        assertThat(gzipped).isEqualTo(TrafficLogs.read(dir.resolve("a.jsonl")));
        assertThat(gzipped).singleElement().satisfies(i -> {
            assertThat(i.getModel()).isEqualTo("m");
            assertThat(i.getCompletion()).isEqualTo("hello");
        });
    }

    private static void writeGzipped(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
