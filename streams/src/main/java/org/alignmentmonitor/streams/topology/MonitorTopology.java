package org.alignmentmonitor.streams.topology;

import java.time.Duration;
import java.util.List;

import org.alignmentmonitor.alerts.AlertEngine;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.streams.alerting.AlertProcessor;
import org.alignmentmonitor.streams.judging.JudgmentApplier;
import org.alignmentmonitor.streams.process.ProcessTopology;
import org.alignmentmonitor.streams.review.LabelApplier;
import org.alignmentmonitor.streams.review.LabelChange;
import org.alignmentmonitor.streams.review.ReviewSampler;
import org.alignmentmonitor.streams.review.ReviewTaskIndexer;
import org.alignmentmonitor.streams.review.StratumTally;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * interactions -> validate -> deduplicate -> classify -> verdicts
 *                                                    -> sample for review -> review-tasks
 *                                                    -> per-task bucket partials ----------+
 *                                                    -> (selected) judge-requests -> judge worker (outside Streams)
 * review-tasks -> index by interaction id                                                   |
 * labels -> pair with the task's score and pi -> label deltas at the interaction's bucket --+
 *                                             -> training-examples (learned classifier)     |
 * judgments -> one count per (interaction, judge) -> judge tallies at the interaction's bucket+
 *   -> (repartition by version; verdict partials and label/judgment deltas in two topics, merged after)
 *   -> buckets, hour and day rollups, version totals -> rates (rolling windows)
 * rates -> (repartition by model) -> alert rules -> alerts
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

        KStream<String, Judged> judged = builder.stream(topics.interactions().name(), topics.interactions().consumed(Names.INTERACTIONS_SOURCE))
                .mapValues(i -> InteractionValidator.validate(i, System.currentTimeMillis()), Named.as(Names.VALIDATE))
                .processValues(() -> new DeduplicateProcessor(settings.dedupHorizon()), Named.as(Names.DEDUPLICATE), Names.DEDUP_STORE)
                .mapValues(i -> new Judged(i, classifiers.judge(i, System.currentTimeMillis())), Named.as(Names.JUDGE));

        judged.process(() -> new ReviewSampler(settings.sampling()), Named.as(Names.SAMPLE), Names.SAMPLER_STORE)
                .to(topics.reviewTasks().name(), topics.reviewTasks().produced(Names.REVIEW_TASKS_SINK));

        if (settings.judging().enabled()) {
            judged.filter((id, j) -> settings.judging().selects(j.interaction().getId()), Named.as(Names.SELECT_FOR_JUDGES))
                    .mapValues(Judged::judgeRequest, Named.as(Names.JUDGE_REQUEST_OF))
                    .to(topics.judgeRequests().name(), topics.judgeRequests().produced(Names.JUDGE_REQUESTS_SINK));
        }

        KStream<String, Verdict> verdicts = judged.mapValues(Judged::verdict, Named.as(Names.VERDICT_OF));
        verdicts.to(topics.verdicts().name(), topics.verdicts().produced(Names.VERDICTS_SINK));
        KStream<BucketKey, BucketStats> verdictDeltas = verdicts
                .process(() -> PartialAccumulator.ofBuckets(settings.bucketSize(), settings.flushInterval()), Named.as(Names.ACCUMULATE), Names.DELTA_STORE);

        builder.stream(topics.reviewTasks().name(), topics.reviewTasks().consumed(Names.REVIEW_TASKS_SOURCE))
                .process(ReviewTaskIndexer::new, Named.as(Names.INDEX_REVIEW_TASKS), Names.REVIEW_TASK_STORE);
        KStream<String, LabelChange> labelChanges = builder.stream(topics.labels().name(), topics.labels().consumed(Names.LABELS_SOURCE))
                .process(() -> new LabelApplier(settings.rates().labelHorizon()), Named.as(Names.APPLY_LABELS),
                        Names.REVIEW_TASK_STORE, Names.EFFECTIVE_LABEL_STORE);
        labelChanges.mapValues(LabelChange::trainingExample, Named.as(Names.TRAINING_EXAMPLE_OF))
                .to(topics.trainingExamples().name(), topics.trainingExamples().produced(Names.TRAINING_EXAMPLES_SINK));
        long bucketMs = settings.bucketSize().toMillis();
        KStream<BucketKey, BucketStats> labelDeltas = labelChanges
                .map((id, change) -> KeyValue.pair(change.bucket(bucketMs), change.delta(bucketMs)), Named.as(Names.LABEL_DELTA_OF));
        KStream<String, Verdict> judgments = builder.stream(topics.judgments().name(), topics.judgments().consumed(Names.JUDGMENTS_SOURCE));
        KStream<BucketKey, BucketStats> judgmentDeltas = judgments
                .process(() -> new JudgmentApplier(settings.bucketSize(), settings.rates().labelHorizon()), Named.as(Names.APPLY_JUDGMENTS),
                        Names.JUDGMENT_STORE);

        // Repartitioned apart and merged after: a merge before the repartition would put the interactions, labels,
        // judgments and review tasks into one task, and Kafka Streams then formats log strings for every empty input
        // partition before each record it processes (17% of the stream thread without rules). Both topics take the
        // partition count of their inputs, which MonitorTopicSpecs creates alike, so a version lands in one task.
        KStream<BucketKey, BucketStats> labelAndJudgmentDeltas = labelDeltas.merge(judgmentDeltas, Named.as(Names.MERGE_JUDGMENT_DELTAS))
                .repartition(byVersion(Names.LABEL_DELTAS, topics));
        verdictDeltas.repartition(byVersion(Names.BUCKET_DELTAS, topics))
                .merge(labelAndJudgmentDeltas, Named.as(Names.MERGE_DELTAS))
                .process(() -> new BucketMerger(settings.bucketSize(), settings.rates()), Named.as(Names.MERGE),
                        Names.BUCKET_STATS_STORE, Names.HOUR_STATS_STORE, Names.DAY_STATS_STORE, Names.VERSION_TOTALS_STORE)
                .to(topics.rates().name(), topics.rates().produced(Names.RATES_SINK));

        ProcessTopology.define(builder, topics, settings.flushInterval(), judged, labelChanges, judgments);

        AlertEngine alertEngine = new AlertEngine(settings.alertRules());
        builder.stream(topics.rates().name(), topics.rates().consumed(Names.RATES_SOURCE))
                .selectKey((key, snapshot) -> snapshot.getModel(), Named.as(Names.KEY_RATES_BY_MODEL))
                .repartition(Repartitioned.<String, RateSnapshot>as(Names.RATES_BY_MODEL)
                        .withKeySerde(topics.rates().keySerde())
                        .withValueSerde(topics.rates().valueSerde()))
                .process(() -> new AlertProcessor(alertEngine), Named.as(Names.EVALUATE_ALERTS),
                        Names.ALERT_STATE_STORE, Names.LATEST_RATE_STORE, Names.VERSION_FIRST_SEEN_STORE)
                .to(topics.alerts().name(), topics.alerts().produced(Names.ALERTS_SINK));
    }

    private static Repartitioned<BucketKey, BucketStats> byVersion(String name, MonitorTopics topics) {
        return Repartitioned.<BucketKey, BucketStats>as(name)
                .withKeySerde(new BucketKeySerde())
                .withValueSerde(topics.bucketStatsSerde())
                .withStreamPartitioner(new VersionPartitioner()::partitions);
    }

    private static void addStores(StreamsBuilder builder, MonitorTopics topics, TopologySettings settings) {
        BucketKeySerde keySerde = new BucketKeySerde();
        Duration dedupEpoch = DeduplicateProcessor.epochLength(settings.dedupHorizon());
        // Not cached: ids are new almost always, so a cache only defers each put to the commit, and every cached
        // entry keeps its record context with the raw 2 KB input record (Kafka 4.x keeps it for dead-lettering),
        // which the cache's size accounting misses: the heap grew by ~2 KB per interaction up to >1 GB.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(Names.DEDUP_STORE, DeduplicateProcessor.retention(settings.dedupHorizon()), dedupEpoch, false),
                Serdes.String(), Serdes.ByteArray()));
        for (String name : List.of(Names.DELTA_STORE, Names.BUCKET_STATS_STORE, Names.HOUR_STATS_STORE, Names.DAY_STATS_STORE,
                Names.VERSION_TOTALS_STORE)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde, topics.bucketStatsSerde())
                    .withCachingEnabled());
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.SAMPLER_STORE),
                Serdes.String(), StratumTally.serde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.REVIEW_TASK_STORE),
                Serdes.String(), topics.reviewTasks().valueSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.EFFECTIVE_LABEL_STORE),
                Serdes.String(), topics.labels().valueSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.JUDGMENT_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.ALERT_STATE_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.LATEST_RATE_STORE),
                Serdes.String(), topics.rates().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.VERSION_FIRST_SEEN_STORE),
                Serdes.String(), Serdes.Long()));
    }
}
