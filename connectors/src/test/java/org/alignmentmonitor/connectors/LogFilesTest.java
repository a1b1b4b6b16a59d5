package org.alignmentmonitor.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private Path gzip(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static List<LogLine> read(Path file, int maxChars) {
        try (Stream<LogLine> lines = LogFiles.lines(file, maxChars)) {
            return lines.toList();
        }
    }

    @Test
    void expandsDirectoriesRecursivelyInSortedOrder() throws IOException {
        Path b = write("b.jsonl", "{}");
        Path a = write("z/a.json", "{}");
        Path c = gzip("c.jsonl.gz", "{}");
        Path nested = write("a/deep/x.jsonl", "{}");
        write("notes.txt", "skip");
        write(".hidden.jsonl", "skip");
        Path explicit = write("other/explicit.log", "{}");

        List<Path> files = LogFiles.expand(List.of(explicit, dir, b));

        assertThat(files).containsExactly(nested, b, c, explicit, a);
    }

    @Test
    void missingArgumentFails() {
        assertThatThrownBy(() -> LogFiles.expand(List.of(dir.resolve("nope"))))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
    }

    @Test
    void streamsNonBlankLinesWithPhysicalLineNumbers() throws IOException {
        Path file = write("a.jsonl", "\uFEFFone\r\n\n   \ntwo\nthree");

        assertThat(read(file, 100)).containsExactly(
                new LogLine(file.toString(), 1, "one"),
                new LogLine(file.toString(), 4, "two"),
                new LogLine(file.toString(), 5, "three"));
    }

    @Test
    void readsGzipAndConcatenatesFilesInOrder() throws IOException {
        Path plain = write("a.jsonl", "a1\na2\n");
        Path zipped = gzip("b.jsonl.gz", "b1\n\nb3\n");

        try (Stream<LogLine> lines = LogFiles.lines(List.of(plain, zipped), 100)) {
            assertThat(lines.map(l -> l.location() + "=" + l.text()))
                    .containsExactly(plain + ":1=a1", plain + ":2=a2", zipped + ":1=b1", zipped + ":3=b3");
        }
    }

    @Test
    void cutsOverlongLinesOneCharacterPastTheLimit() throws IOException {
        Path file = write("a.jsonl", "x".repeat(200_000) + "\r\nshort\r\n" + "y".repeat(10) + "\r\n");

        List<LogLine> lines = read(file, 10);

        assertThat(lines).extracting(LogLine::text).containsExactly("x".repeat(11), "short", "y".repeat(10));
        assertThat(lines).extracting(LogLine::lineNumber).containsExactly(1L, 2L, 3L);
    }
}
