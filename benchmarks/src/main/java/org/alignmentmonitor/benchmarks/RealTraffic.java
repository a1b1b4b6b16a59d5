package org.alignmentmonitor.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.openai.OpenAiLogParser;
import org.alignmentmonitor.connectors.openai.ParseResult;

/** The interactions of a directory of OpenAI-style JSONL logs, parsed as the replay connector does. */
final class RealTraffic {

    private RealTraffic() {}

    /** Every accepted interaction of the directory's {@code .jsonl} files, files in name order. */
    static List<Interaction> load(Path directory) throws IOException {
        OpenAiLogParser parser = new OpenAiLogParser();
        List<Interaction> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                long n = 0;
                for (String line : Files.readAllLines(file)) {
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
}
