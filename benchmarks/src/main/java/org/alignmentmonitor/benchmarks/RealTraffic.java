package org.alignmentmonitor.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;
import org.alignmentmonitor.connectors.openai.ParseResult;

/**
 * The interactions of a directory of OpenAI-style JSONL logs, parsed as the replay connector does. Reads
 * {@code .jsonl} and {@code .jsonl.gz} files alike, so the repository's own {@code testdata/traffic} works in a
 * clean clone.
 */
final class RealTraffic {

    private RealTraffic() {}

    /** Every accepted interaction of the directory's {@code .jsonl} and {@code .jsonl.gz} files, files in name order. */
    static List<Interaction> load(Path directory) throws IOException {
        OpenAiLogParser parser = new OpenAiLogParser();
        List<Interaction> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(RealTraffic::isLog).sorted().toList()) {
                long n = 0;
                for (String line : lines(file)) {
                    if (parser.parse(new LogLine(file.toString(), ++n, line)) instanceof ParseResult.Accepted parsed) {
                        out.add(parsed.interaction());
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no interactions in " + directory);
        }
        return out;
    }

    private static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
    }

    private static List<String> lines(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllLines(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
