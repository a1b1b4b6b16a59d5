package org.alignmentmonitor.monitor.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.connectors.LogFiles;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.ingest.Parsers;
import org.alignmentmonitor.connectors.ingest.RecordParser;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.connectors.openai.ReplaySource;
import org.alignmentmonitor.connectors.openai.ReplayStats;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.config.MonitorConfig;
import org.alignmentmonitor.monitor.runtime.DeadLetterCounter;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.MonitorTopicSpecs;
import org.alignmentmonitor.monitor.runtime.VersionSummary;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Ingests JSONL logs of one format (OpenAI chat-completions by default), waits until every record is reflected in the statistics and
 * prints the stored counts of every version. Safe to repeat: ids already seen count once.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Ingests JSONL logs (files, directories, .gz; OpenAI chat-completions unless --format says otherwise) and prints the stored counts per model version.",
                "Bad lines go to the dead-letter topic with the reason; re-running the same files changes no count."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSONL log files or directories (.jsonl, .json, .gz).")
    List<Path> files;

    @Option(names = "--serve", description = "Keep running with the HTTP API after the replay.")
    boolean serve;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--model-version-rule", paramLabel = "SPEC", defaultValue = "model-string",
            description = "How (model, version) is derived: model-string (model:version), metadata:FIELD, or regex:PATTERN with groups model and version. Default: ${DEFAULT-VALUE}.")
    String modelVersionRule;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "openai-chat",
            description = "Log record format: openai-chat, openai-responses, anthropic-messages (one record per line). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "Give up waiting for the statistics after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
        ParserSettings settings = ParserSettings.defaults().withVersionRule(ModelVersionRule.parse(modelVersionRule));
        RecordParser parser = Parsers.of(LogFormat.fromId(format), settings);
        Duration wait = ConfigLoader.parseDuration(timeout);
        List<Path> logs = logFiles();
        MonitorConfig config = options.load(Path.of("data"), 0);
        MonitorRuntime runtime = MonitorRuntime.connect(config).startProcessing(config.classifierSuite());
        try {
            ReplayStats stats;
            Map<TopicPartition, Long> targets = new HashMap<>();
            String topic = runtime.config().topics().interactions();
            try (KafkaRecordSink sink = new KafkaRecordSink(runtime.clientConfig(), topic, DeadLetterTopics.of(topic),
                    runtime.topics().interactions().valueSerde().serializer())) {
                stats = new ReplaySource(parser, settings.maxRecordBytes()).replay(logs, sink);
                sink.flush();
                sink.lastOffsets().forEach((tp, offset) -> targets.put(tp, offset + 1));
            }
            System.err.printf("replayed %d lines: %d sent, %d rejected; waiting for the statistics...%n",
                    stats.lines(), stats.accepted(), stats.rejected());
            runtime.catchUp().await(targets, wait);
            print(summary(runtime));
            if (serve) {
                Shutdown.onExit(runtime);
                System.err.printf("serving http://%s:%d/api/v1/versions (Ctrl-C to stop)%n", runtime.config().httpHost(), runtime.api().port());
                Shutdown.awaitExit();
            }
            return 0;
        } finally {
            if (!serve) {
                runtime.close();
            }
        }
    }

    /** Checked before anything starts, so a typo costs no broker start-up. */
    private List<Path> logFiles() {
        try {
            List<Path> logs = LogFiles.expand(files);
            if (logs.isEmpty()) {
                throw new IllegalArgumentException("no .jsonl, .json or .gz log files in " + files);
            }
            return logs;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file or directory: " + e.getFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + files + ": " + e.getMessage());
        }
    }

    static VersionSummary summary(MonitorRuntime runtime) {
        List<String> deadLetterTopics = MonitorTopicSpecs.deadLetterSources(runtime.config().topics(), runtime.config().applicationId())
                .stream().map(DeadLetterTopics::of).toList();
        return VersionSummary.of(runtime.streamsApp().stores().localVersionTotals(),
                DeadLetterCounter.count(runtime.clientConfig(), deadLetterTopics));
    }

    private void print(VersionSummary summary) throws Exception {
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        } else {
            System.out.println(summary.toTable());
        }
    }
}
