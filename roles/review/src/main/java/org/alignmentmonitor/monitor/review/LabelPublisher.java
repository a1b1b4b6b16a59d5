package org.alignmentmonitor.monitor.review;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.monitor.runtime.DurableProducers;
import org.alignmentmonitor.streams.topology.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes labels to the labels topic and returns only once the cluster has them (acks=all, idempotent producer):
 * a labeller is told "saved" only for a label that survives a crash.
 */
final class LabelPublisher implements ReviewService.LabelSink, AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, Label> producer;
    private final Topic<String, Label> topic;

    LabelPublisher(Map<String, Object> clientConfig, Topic<String, Label> topic) {
        this.producer = new KafkaProducer<>(DurableProducers.settings(clientConfig, "review-labels"), topic.keySerde().serializer(),
                topic.valueSerde().serializer());
        this.topic = topic;
    }

    /** Keyed by interaction id, like every label, so the stream pairs it with its task. */
    @Override
    public void publish(Label label) throws LabelNotSavedException {
        try {
            producer.send(new ProducerRecord<>(topic.name(), label.getInteractionId(), label)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabelNotSavedException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LabelNotSavedException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The label may not be on the topic: the labeller must submit again (resubmitting is idempotent). */
    static final class LabelNotSavedException extends Exception {
        LabelNotSavedException(Throwable cause) {
            super("the label was not confirmed by Kafka; submit it again", cause);
        }
    }
}
