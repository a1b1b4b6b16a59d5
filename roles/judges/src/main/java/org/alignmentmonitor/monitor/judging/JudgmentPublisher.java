package org.alignmentmonitor.monitor.judging;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.ScoreStatus;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.Texts;
import org.alignmentmonitor.judges.JudgeResult;
import org.alignmentmonitor.streams.topology.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes each judgment to the judgments topic as a one-result verdict and returns only once the
 * broker has it: the judge's journal lets go of a judgment after that, so none is lost between the
 * two.
 */
final class JudgmentPublisher implements AutoCloseable {

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Topic<String, Verdict> judgments;
    private final KafkaProducer<String, Verdict> producer;
    private final String configVersion;
    private final double threshold;

    JudgmentPublisher(Map<String, Object> clientConfig, Topic<String, Verdict> judgments, String configVersion, double threshold) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, judgments.keySerde().serializer(), judgments.valueSerde().serializer());
        this.judgments = judgments;
        this.configVersion = configVersion;
        this.threshold = threshold;
    }

    /** The LLM judges' listener. */
    void deliver(Interaction interaction, JudgeResult result) throws Exception {
        publish(interaction, result.toClassifierResult(threshold, Texts.completion(interaction).length()));
    }

    void publish(Interaction interaction, ClassifierResult result) throws Exception {
        boolean scored = result.getStatus() == ScoreStatus.SCORED;
        Verdict verdict = new Verdict(interaction.getId(), interaction.getModel(), interaction.getVersion(), interaction.getEventTime(),
                List.of(result), scored && result.getFlagged(), scored ? result.getScore() : 0.0, configVersion, Instant.now());
        producer.send(new ProducerRecord<>(judgments.name(), interaction.getId(), verdict)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
