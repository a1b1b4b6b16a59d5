package org.alignmentmonitor.classifiers.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.evaluation.TrafficLogs;

/**
 * The real OpenAI chat-completions logs and IFEval data shipped in the repository's
 * {@code testdata} folder (gzipped), read by {@link TrafficLogs}.
 */
final class TrafficLog {

    private TrafficLog() {}

    /** The repository's test data folder: {@code testdata.dir}, set by the parent pom, or {@code ../testdata}. */
    static Path dataDir() {
        Path data = Path.of(System.getProperty("testdata.dir", "../testdata"));
        if (!Files.isDirectory(data.resolve("traffic"))) {
            throw new IllegalStateException("no test data at " + data.toAbsolutePath() + ": it ships in the repository");
        }
        return data;
    }

    static List<Path> trafficFiles() {
        return TrafficLogs.files(dataDir().resolve("traffic"));
    }

    /** An IFEval file of the test data, by its name without {@code .gz}. */
    static Path ifeval(String name) {
        return dataDir().resolve("ifeval").resolve(name + ".gz");
    }

    static List<Interaction> read(Path file) {
        return TrafficLogs.read(file);
    }

    /** The text lines of a log, plain or gzipped. */
    static List<String> lines(Path file) {
        try (BufferedReader reader = TrafficLogs.open(file)) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
