package org.alignmentmonitor.monitor.judging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.TrainingExample;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.classifiers.Results;
import org.alignmentmonitor.judges.learned.CalibrationReport;
import org.alignmentmonitor.judges.learned.LearnedClassifier;
import org.alignmentmonitor.judges.learned.LogisticModel;
import org.alignmentmonitor.monitor.runtime.tail.SupervisedTail;
import org.alignmentmonitor.monitor.runtime.tail.TailHandler;
import org.alignmentmonitor.monitor.runtime.tail.TailSpec;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.alignmentmonitor.streams.topology.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier learned from human labels, the same in every judges process. One process at a time
 * is the trainer: the member of a consumer group on the single-partition models topic that holds its
 * partition. It trains from the whole training-examples topic and publishes each new model there
 * (compacted, one key). Every process, the trainer included, scores with the latest published model
 * only, so a score never depends on which process computed it, and a lost pod loses nothing: the
 * next trainer retrains from the topic and the models topic keeps the last model.
 */
final class LearnedJudge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LearnedJudge.class);
    private static final Duration PUBLISH_EVERY = Duration.ofSeconds(10);
    private static final String MODEL_KEY = LearnedClassifier.ID;

    private final ClassifierSuite rules;
    private final double threshold;
    private final Map<String, Object> clientConfig;
    private final Topic<String, TrainingExample> examplesTopic;
    private final String modelsTopic;
    private final String trainerGroup;
    private final KafkaProducer<String, byte[]> publisher;
    private final AtomicLong examples = new AtomicLong();
    private volatile LearnedClassifier published;
    private volatile Trainer trainer;
    private Tails tails;
    private SupervisedTail<byte[], byte[]> models;
    private SupervisedTail<byte[], byte[]> election;

    LearnedJudge(ClassifierSuite rules, double threshold, Map<String, Object> clientConfig, Topic<String, TrainingExample> examplesTopic,
                 String modelsTopic, String trainerGroup) {
        this.rules = rules;
        this.threshold = threshold;
        this.clientConfig = clientConfig;
        this.examplesTopic = examplesTopic;
        this.modelsTopic = modelsTopic;
        this.trainerGroup = trainerGroup;
        Map<String, Object> producer = new HashMap<>(clientConfig);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        this.publisher = new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer());
    }

    void start(Tails tails) {
        this.tails = tails;
        Map<String, Object> reader = readCommitted();
        models = tails.start(TailSpec.fromBeginning("learned-model-view", reader, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                List.of(modelsTopic)), record -> adopt(record.value()));
        Map<String, Object> group = readCommitted();
        group.put(ConsumerConfig.GROUP_ID_CONFIG, trainerGroup);
        election = tails.start(TailSpec.group("learned-trainer-election", group, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                modelsTopic), new TailHandler<>() {
            @Override
            public void accept(ConsumerRecord<byte[], byte[]> record) {
                // Membership is all this tail is for: the view above reads the models.
            }

            @Override
            public void onAssigned(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    startTraining();
                }
            }

            @Override
            public void onRevoked(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty()) {
                    stopTraining();
                }
            }
        });
    }

    private Map<String, Object> readCommitted() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** A newly published model replaces the one scores use; an unreadable record is skipped (the next publish fixes it). */
    private void adopt(byte[] model) {
        if (model == null) {
            return;
        }
        try {
            published = newClassifier(LogisticModel.fromBytes(model));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping an unreadable learned model on {}: {}", modelsTopic, e.getMessage());
        }
    }

    private LearnedClassifier newClassifier(LogisticModel model) {
        return new LearnedClassifier(model, rules.classifiers(), threshold, 0.2, LearnedClassifier.AmbiguousPolicy.SKIP, 10_000);
    }

    private synchronized void startTraining() {
        if (trainer == null) {
            LOG.info("This process is now the learned classifier's trainer: training from {}", examplesTopic.name());
            trainer = new Trainer(newClassifier(LogisticModel.defaults()));
            trainer.tail = tails.start(TailSpec.fromBeginning("learned-classifier-trainer", readCommitted(),
                    examplesTopic.keySerde().deserializer(), examplesTopic.valueSerde().deserializer(), List.of(examplesTopic.name())), trainer);
        }
    }

    private synchronized void stopTraining() {
        Trainer stopping = trainer;
        trainer = null;
        if (stopping != null) {
            LOG.info("This process is no longer the learned classifier's trainer");
            try {
                stopping.tail.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Scores with the latest published model, from the rule results the stream computed (the rules
     * run again only for a request without them); unscored with the reason until a model is published.
     */
    ClassifierResult classify(Interaction interaction, List<ClassifierResult> ruleResults) {
        LearnedClassifier model = published;
        if (model == null) {
            return Results.unscored(LearnedClassifier.ID, "none", "no learned model published yet: no human labels");
        }
        return model.classify(interaction, ruleResults.isEmpty() ? model.ruleResults(interaction) : ruleResults);
    }

    /** The version scores are computed with, or "none". */
    String version() {
        LearnedClassifier model = published;
        return model == null ? "none" : model.version();
    }

    boolean isTrainer() {
        return trainer != null;
    }

    /** Training examples read by this process while it was the trainer. */
    long examplesSeen() {
        return examples.get();
    }

    long trainingCount() {
        LearnedClassifier model = published;
        return model == null ? 0 : model.model().trainingCount();
    }

    /** The trainer's model on its held-back labels; only the trainer holds them (null elsewhere). */
    CalibrationReport calibration() {
        Trainer current = trainer;
        return current == null ? null : current.learned.calibration(10);
    }

    private final class Trainer implements TailHandler<String, TrainingExample> {
        private final LearnedClassifier learned;
        private SupervisedTail<String, TrainingExample> tail;
        private long lastPublish;
        private boolean unpublished;

        Trainer(LearnedClassifier learned) {
            this.learned = learned;
        }

        @Override
        public void accept(ConsumerRecord<String, TrainingExample> record) {
            TrainingExample example = record.value();
            if (example == null || example.getTask() == null || example.getTask().getInteraction() == null) {
                return;
            }
            Interaction interaction = example.getTask().getInteraction();
            List<ClassifierResult> ruleResults = example.getTask().getResults().isEmpty()
                    ? learned.ruleResults(interaction) : example.getTask().getResults();
            learned.learn(interaction, ruleResults, example.getLabel());
            examples.incrementAndGet();
            unpublished = true;
        }

        @Override
        public void afterBatch(Consumer<String, TrainingExample> consumer, int records) throws Exception {
            if (unpublished && learned.model().trainingCount() > 0
                    && System.currentTimeMillis() - lastPublish >= PUBLISH_EVERY.toMillis()) {
                publisher.send(new ProducerRecord<>(modelsTopic, MODEL_KEY, learned.model().toBytes())).get();
                lastPublish = System.currentTimeMillis();
                unpublished = false;
                LOG.debug("Published learned model {}", learned.version());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopTraining();
        if (election != null) {
            election.close();
        }
        if (models != null) {
            models.close();
        }
        publisher.close(Duration.ofSeconds(5));
    }
}
