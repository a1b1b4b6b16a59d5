package org.alignmentmonitor.monitor.judging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.TrainingExample;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.judges.learned.CalibrationReport;
import org.alignmentmonitor.judges.learned.LearnedClassifier;
import org.alignmentmonitor.judges.learned.LogisticModel;
import org.alignmentmonitor.streams.topology.Topic;
import org.alignmentmonitor.monitor.runtime.tail.SupervisedTail;
import org.alignmentmonitor.monitor.runtime.tail.TailHandler;
import org.alignmentmonitor.monitor.runtime.tail.TailSpec;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier learned from human labels, kept current by a trainer thread that reads the
 * training-examples topic. The topic is the model's source of truth: each start trains afresh from
 * its beginning (labels are few, so this takes seconds), which also rebuilds the held-back set the
 * calibration report is computed on. The model is saved after each batch, with its version, for
 * audits and offline use. {@link LearnedClassifier} is thread-safe: the trainer updates it while the
 * judge worker scores with it.
 */
final class LearnedJudge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LearnedJudge.class);
    private static final Duration SAVE_EVERY = Duration.ofSeconds(10);

    private final LearnedClassifier learned;
    private final Path modelFile;
    private final TailSpec<String, TrainingExample> examplesTail;
    private final AtomicLong examples = new AtomicLong();
    private SupervisedTail<String, TrainingExample> trainer;
    private long lastSave;
    private boolean unsaved;

    LearnedJudge(ClassifierSuite rules, double threshold, Path modelFile, Map<String, Object> clientConfig, Topic<String, TrainingExample> examplesTopic) {
        this.learned = new LearnedClassifier(LogisticModel.defaults(), rules.classifiers(), threshold, 0.2,
                LearnedClassifier.AmbiguousPolicy.SKIP, 10_000);
        this.modelFile = modelFile;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.examplesTail = TailSpec.fromBeginning("learned-classifier-trainer", config, examplesTopic.keySerde().deserializer(),
                examplesTopic.valueSerde().deserializer(), List.of(examplesTopic.name()));
    }

    void start(Tails tails) {
        trainer = tails.start(examplesTail, new TailHandler<>() {
            @Override
            public void accept(ConsumerRecord<String, TrainingExample> record) {
                learn(record.value());
                unsaved = true;
            }

            @Override
            public void afterBatch(Consumer<String, TrainingExample> consumer, int records) {
                if (unsaved && System.currentTimeMillis() - lastSave >= SAVE_EVERY.toMillis()) {
                    save();
                    lastSave = System.currentTimeMillis();
                    unsaved = false;
                }
            }
        });
    }

    /**
     * Scores with the current model, from the rule results the stream computed (the rules run
     * again only for a request without them); unscored with the reason until the first label.
     */
    ClassifierResult classify(Interaction interaction, List<ClassifierResult> ruleResults) {
        return learned.classify(interaction, ruleResults.isEmpty() ? learned.ruleResults(interaction) : ruleResults);
    }

    String version() {
        return learned.version();
    }

    long examplesSeen() {
        return examples.get();
    }

    long trainingCount() {
        return learned.model().trainingCount();
    }

    CalibrationReport calibration() {
        return learned.calibration(10);
    }

    private void learn(TrainingExample example) {
        if (example == null || example.getTask() == null || example.getTask().getInteraction() == null) {
            return;
        }
        Interaction interaction = example.getTask().getInteraction();
        List<ClassifierResult> ruleResults = example.getTask().getResults().isEmpty()
                ? learned.ruleResults(interaction) : example.getTask().getResults();
        learned.learn(interaction, ruleResults, example.getLabel());
        examples.incrementAndGet();
    }

    private void save() {
        try {
            Files.createDirectories(modelFile.getParent());
            learned.save(modelFile);
        } catch (IOException e) {
            LOG.warn("Could not save the learned model to {}", modelFile, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (trainer != null) {
            trainer.close();
        }
    }
}
