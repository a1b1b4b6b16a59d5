package org.alignmentmonitor.connectors.openai;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.alignmentmonitor.connectors.LogFiles;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.RecordSink;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.RecordParser;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replays JSONL log files of any one-record-per-line format into a {@link RecordSink}. */
public final class ReplaySource {

    private static final Logger log = LoggerFactory.getLogger(ReplaySource.class);

    private final RecordParser parser;
    private final int maxLineBytes;

    public ReplaySource(OpenAiLogParser parser) {
        this(parser, parser.maxLineBytes());
    }

    /** @param maxLineBytes the parser's record limit: reading that many characters of a line is enough to reject it */
    public ReplaySource(RecordParser parser, int maxLineBytes) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads every log file under {@code paths} (see {@link LogFiles#expand}) in order, handing each
     * line's result to {@code sink}. Exceptions from the sink stop the replay.
     *
     * @throws java.nio.file.NoSuchFileException when a path does not exist
     * @throws java.io.UncheckedIOException when a file cannot be read part way through
     */
    public ReplayStats replay(Collection<Path> paths, RecordSink sink) throws IOException {
        List<Path> files = LogFiles.expand(paths);
        log.info("Replaying {} log file(s)", files.size());
        long lines = 0;
        long accepted = 0;
        long rejected = 0;
        // Reading max-bytes characters is enough to tell that a line is over max bytes.
        try (Stream<LogLine> stream = LogFiles.lines(files, maxLineBytes)) {
            for (LogLine line : (Iterable<LogLine>) stream::iterator) {
                lines++;
                SourceLocation where = new SourceLocation.FileLine(line.source(), line.lineNumber());
                for (ParseOutcome outcome : parser.parse(line.text().getBytes(StandardCharsets.UTF_8), where)) {
                    if (outcome instanceof ParseOutcome.Accepted ok) {
                        accepted++;
                        sink.accept(ok.interaction());
                    } else if (outcome instanceof ParseOutcome.Rejected rejection) {
                        rejected++;
                        log.debug("Rejected {}", rejection.message());
                        sink.reject(line, rejection.reason());
                    }
                }
            }
        }
        ReplayStats stats = new ReplayStats(lines, accepted, rejected);
        log.info("Replayed {} line(s) from {} file(s): {} accepted, {} rejected", lines, files.size(), stats.accepted(), rejected);
        return stats;
    }
}
