package org.alignmentmonitor.streams.topology;

import java.time.Duration;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * interactions -> validate -> deduplicate -> classify -> verdicts
 *                                                    -> per-task bucket partials -> (repartition by version)
 *                                                    -> merged bucket statistics + version totals -> rates
 *
 * A pure function of the builder, the topics and the settings: the same code runs on the embedded
 * broker, a real cluster and the TopologyTestDriver.
 */
public final class MonitorTopology {

    private MonitorTopology() {
    }

    public static void define(StreamsBuilder builder, MonitorTopics topics, TopologySettings settings) {
        addStores(builder, topics, settings);
        ClassifierSuite classifiers = settings.classifiers();

        KStream<String, Interaction> interactions = builder.stream(
                topics.interactions().name(), topics.interactions().consumed(Names.INTERACTIONS_SOURCE));

        KStream<String, Verdict> verdicts = interactions
                .mapValues(i -> InteractionValidator.validate(i, System.currentTimeMillis()), Named.as(Names.VALIDATE))
                .processValues(() -> new DeduplicateProcessor(settings.dedupHorizon()), Named.as(Names.DEDUPLICATE), Names.DEDUP_STORE)
                .mapValues(i -> classifiers.judge(i, System.currentTimeMillis()), Named.as(Names.CLASSIFY));
        verdicts.to(topics.verdicts().name(), topics.verdicts().produced(Names.VERDICTS_SINK));

        verdicts
                .process(() -> new BucketAccumulator(settings.bucketSize(), settings.flushInterval()), Named.as(Names.ACCUMULATE), Names.DELTA_STORE)
                .repartition(Repartitioned.<BucketKey, BucketStats>as(Names.BUCKET_DELTAS)
                        .withKeySerde(new BucketKeySerde())
                        .withValueSerde(topics.bucketStatsSerde())
                        .withStreamPartitioner(new VersionPartitioner()::partitions))
                .process(BucketMerger::new, Named.as(Names.MERGE), Names.BUCKET_STATS_STORE, Names.VERSION_TOTALS_STORE)
                .to(topics.rates().name(), topics.rates().produced(Names.RATES_SINK));
    }

    private static void addStores(StreamsBuilder builder, MonitorTopics topics, TopologySettings settings) {
        BucketKeySerde keySerde = new BucketKeySerde();
        Duration dedupEpoch = DeduplicateProcessor.epochLength(settings.dedupHorizon());
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(Names.DEDUP_STORE, DeduplicateProcessor.retention(settings.dedupHorizon()), dedupEpoch, false),
                        Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Names.DELTA_STORE), keySerde, topics.bucketStatsSerde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Names.BUCKET_STATS_STORE), keySerde, topics.bucketStatsSerde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(Names.VERSION_TOTALS_STORE), keySerde, topics.bucketStatsSerde())
                .withCachingEnabled());
    }
}
