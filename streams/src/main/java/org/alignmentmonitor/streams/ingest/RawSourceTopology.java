package org.alignmentmonitor.streams.ingest;

import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.streams.errors.DeadLetterRecords;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.alignmentmonitor.streams.topology.Topic;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * raw topic -> parse -> accepted: interactions (keyed by id, so duplicates meet in one dedup store)
 *                    -> rejected: {@code <topic>-dlq}, original bytes plus the dead-letter headers
 *
 * One such sub-topology per configured source, inside the monitor's own exactly-once application: a
 * record is parsed, written and its offset committed in one transaction. A pure function of the
 * builder, the sources and the interactions topic.
 */
public final class RawSourceTopology {

    /** The {@code dlq.stage} of records a source's parser rejected. */
    public static final String STAGE = "parse";

    private RawSourceTopology() {
    }

    public static void define(StreamsBuilder builder, List<RawSource> sources, Topic<String, Interaction> interactions) {
        for (RawSource source : sources) {
            defineOne(builder, source, interactions);
        }
    }

    private static void defineOne(StreamsBuilder builder, RawSource source, Topic<String, Interaction> interactions) {
        String prefix = "source-" + source.name() + "-";
        String parseNode = prefix + "parse";
        Map<String, KStream<byte[], Parsed>> branches = builder
                .stream(source.topic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(prefix + "read"))
                .process(() -> new ParseProcessor(source, parseNode), Named.as(parseNode))
                .split(Named.as(prefix))
                .branch((key, parsed) -> parsed.outcome() instanceof ParseOutcome.Accepted, Branched.as("accepted"))
                .branch((key, parsed) -> parsed.outcome() instanceof ParseOutcome.Rejected, Branched.as("rejected"))
                .noDefaultBranch();
        // Ignored outcomes (well-formed, not an LLM call) fall through both branches: nothing to keep.
        branches.get(prefix + "accepted")
                .map((key, parsed) -> KeyValue.pair(parsed.interaction().getId(), parsed.interaction()),
                        Named.as(prefix + "key-by-id"))
                .to(interactions.name(), interactions.produced(prefix + "write"));
        branches.get(prefix + "rejected")
                .mapValues(Parsed::raw, Named.as(prefix + "original"))
                .to(DeadLetterTopics.of(source.topic()), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(prefix + "dead-letter"));
    }

    /** One outcome of a raw record, with the original bytes for the dead-letter topic. */
    record Parsed(ParseOutcome outcome, byte[] raw) {
        Interaction interaction() {
            return ((ParseOutcome.Accepted) outcome).interaction();
        }
    }

    /** Parses with the record's topic, partition and offset as its location; marks rejections with the dead-letter headers. */
    private static final class ParseProcessor implements Processor<byte[], byte[], byte[], Parsed> {

        private final RawSource source;
        private final String nodeName;
        private ProcessorContext<byte[], Parsed> context;

        ParseProcessor(RawSource source, String nodeName) {
            this.source = source;
            this.nodeName = nodeName;
        }

        @Override
        public void init(ProcessorContext<byte[], Parsed> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RecordMetadata meta = context.recordMetadata().orElseThrow();
            SourceLocation where = new SourceLocation.TopicOffset(meta.topic(), meta.partition(), meta.offset());
            byte[] raw = record.value() == null ? new byte[0] : record.value();
            for (ParseOutcome outcome : source.parser().parse(raw, where)) {
                Record<byte[], Parsed> out = record.withValue(new Parsed(outcome, raw));
                if (outcome instanceof ParseOutcome.Rejected rejected) {
                    // A copy: one batch may give several rejections, each with its own reason.
                    out = out.withHeaders(new RecordHeaders(record.headers().toArray()));
                    DeadLetterRecords.markRejected(out.headers(), STAGE, rejected.reason(), meta.topic(), meta.partition(), meta.offset(), nodeName);
                }
                context.forward(out);
            }
        }
    }
}
