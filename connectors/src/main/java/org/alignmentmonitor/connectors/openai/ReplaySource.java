package org.alignmentmonitor.connectors.openai;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.alignmentmonitor.connectors.LogFiles;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.RecordSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replays OpenAI chat-completions log files into a {@link RecordSink}. */
public final class ReplaySource {

    private static final Logger log = LoggerFactory.getLogger(ReplaySource.class);

    private final OpenAiLogParser parser;

    public ReplaySource(OpenAiLogParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
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
        long rejected = 0;
        // Reading max-bytes characters is enough to tell that a line is over max bytes.
        try (Stream<LogLine> stream = LogFiles.lines(files, parser.maxLineBytes())) {
            for (LogLine line : (Iterable<LogLine>) stream::iterator) {
                lines++;
                ParseResult result = parser.parse(line);
                if (result instanceof ParseResult.Accepted accepted) {
                    sink.accept(accepted.interaction());
                } else {
                    ParseResult.Rejected rejection = (ParseResult.Rejected) result;
                    rejected++;
                    log.debug("Rejected {}", rejection.message());
                    sink.reject(line, rejection.reason());
                }
            }
        }
        ReplayStats stats = new ReplayStats(lines, lines - rejected, rejected);
        log.info("Replayed {} line(s) from {} file(s): {} accepted, {} rejected", lines, files.size(), stats.accepted(), rejected);
        return stats;
    }
}
