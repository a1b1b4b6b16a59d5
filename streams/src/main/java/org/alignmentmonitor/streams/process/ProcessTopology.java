package org.alignmentmonitor.streams.process;

import java.time.Duration;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.streams.review.LabelChange;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.alignmentmonitor.streams.topology.Judged;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.streams.topology.PartialAccumulator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Statistics per training-process cell (process, model, version, deployment, checkpoint step),
 * all time: the traffic and labels of each (version, deployment) run for the process scorecard,
 * and the judges' agreement with human labels per checkpoint. Only interactions that name a
 * training process take part; deltas are repartitioned by process, so a scorecard is one
 * store prefix scan.
 */
public final class ProcessTopology {

    private ProcessTopology() {
    }

    public static void define(StreamsBuilder builder, MonitorTopics topics, Duration flushInterval, KStream<String, Judged> judged,
                              KStream<String, LabelChange> labelChanges, KStream<String, Verdict> judgments) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.PROCESS_CELL_STORE),
                Serdes.String(), topics.bucketStatsSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.PROCESS_PARTIALS_STORE),
                Serdes.String(), topics.bucketStatsSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.PROCESS_AGREEMENT_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());

        KStream<String, BucketStats> traffic = judged
                .filter((id, j) -> ProcessCellKey.of(j.interaction()) != null, Named.as(Names.SELECT_PROCESS_TRAFFIC))
                .map((id, j) -> KeyValue.pair(ProcessCellKey.of(j.interaction()).format(), j.verdict()), Named.as(Names.PROCESS_TRAFFIC_DELTA_OF))
                // Partials per cell, flushed like the version buckets: process traffic can be all the traffic.
                .process(() -> new PartialAccumulator<String, String>(Names.PROCESS_PARTIALS_STORE, (cell, verdict) -> cell,
                        cell -> empty(ProcessCellKey.parse(cell)), flushInterval), Named.as(Names.ACCUMULATE_PROCESS_CELLS),
                        Names.PROCESS_PARTIALS_STORE);
        KStream<String, BucketStats> labels = labelChanges
                .filter((id, c) -> c.task().getInteraction() != null && ProcessCellKey.of(c.task().getInteraction()) != null,
                        Named.as(Names.SELECT_PROCESS_LABELS))
                .map((id, c) -> {
                    ProcessCellKey cell = ProcessCellKey.of(c.task().getInteraction());
                    return KeyValue.pair(cell.format(), BucketStatsMath.labelDelta(new BucketKey(cell.model(), cell.version(), 0L), 0L,
                            c.task().getScore(), c.task().getInclusionProbability(), c.previous(), c.label().getLabel()));
                }, Named.as(Names.PROCESS_LABEL_DELTA_OF));
        KStream<String, BucketStats> agreementOnLabels = labelChanges.process(ProcessAgreement.OnLabel::new,
                Named.as(Names.PAIR_LABELS_WITH_JUDGMENTS), Names.JUDGMENT_STORE, Names.PROCESS_AGREEMENT_STORE);
        KStream<String, BucketStats> agreementOnJudgments = judgments.process(ProcessAgreement.OnJudgment::new,
                Named.as(Names.PAIR_JUDGMENTS_WITH_LABELS), Names.REVIEW_TASK_STORE, Names.EFFECTIVE_LABEL_STORE,
                Names.PROCESS_AGREEMENT_STORE);

        // Merged after the repartition, like the version buckets: the interactions' task reads no other input.
        KStream<String, BucketStats> labelsAndAgreement = labels.merge(agreementOnLabels, Named.as(Names.MERGE_PROCESS_LABEL_AGREEMENT))
                .merge(agreementOnJudgments, Named.as(Names.MERGE_PROCESS_JUDGMENT_AGREEMENT))
                .repartition(byProcess(Names.PROCESS_LABEL_DELTAS, topics));
        traffic.repartition(byProcess(Names.PROCESS_DELTAS, topics))
                .merge(labelsAndAgreement, Named.as(Names.MERGE_PROCESS_LABEL_DELTAS))
                .process(ProcessCellMerger::new, Named.as(Names.MERGE_PROCESS_CELLS), Names.PROCESS_CELL_STORE);
    }

    private static Repartitioned<String, BucketStats> byProcess(String name, MonitorTopics topics) {
        return Repartitioned.<String, BucketStats>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(topics.bucketStatsSerde())
                .withStreamPartitioner(new ProcessPartitioner()::partitions);
    }

    private static BucketStats empty(ProcessCellKey cell) {
        return BucketStatsMath.empty(new BucketKey(cell.model(), cell.version(), 0L), 0L);
    }
}
