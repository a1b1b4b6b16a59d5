package org.alignmentmonitor.monitor.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.connectors.synthetic.FailureKind;
import org.alignmentmonitor.connectors.synthetic.SyntheticTrafficGenerator;
import org.alignmentmonitor.review.manual.LabellingManual;
import org.alignmentmonitor.review.sampling.InclusionHash;
import org.alignmentmonitor.streams.topology.MonitorTopics;
import org.alignmentmonitor.monitor.runtime.tail.SupervisedTail;
import org.alignmentmonitor.monitor.runtime.tail.TailHandler;
import org.alignmentmonitor.monitor.runtime.tail.TailSpec;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo's stand-in for human reviewers: labels most review tasks of synthetic traffic from the
 * failure the generator injected (recorded in the interaction's metadata), with a little ambiguity,
 * so the dashboard shows label-corrected rates within minutes. A share is left for the demo's
 * human labeller in the review UI. Never used outside the demo.
 */
public final class DemoLabeller implements AutoCloseable {

    static final String LABELLER = "demo-auto-labeller";
    /** Share of tasks left to humans, and share labelled AMBIGUOUS: chosen by hash, so reruns agree. */
    private static final double LEFT_FOR_HUMANS = 0.2;
    private static final double AMBIGUOUS = 0.05;

    private final KafkaProducer<String, Label> producer;
    private final String labelsTopic;
    private final String manualVersion = LabellingManual.bundled().version();
    private final SupervisedTail<String, ReviewTask> tail;

    public DemoLabeller(Map<String, Object> clientConfig, String applicationId, MonitorTopics topics, Tails tails) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put("group.id", applicationId + "-demo-labeller");
        c.put("isolation.level", "read_committed");
        c.put("auto.offset.reset", "earliest");
        Map<String, Object> p = new HashMap<>(clientConfig);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), topics.labels().valueSerde().serializer());
        this.labelsTopic = topics.labels().name();
        this.tail = tails.start(TailSpec.group("demo-labeller", c, new StringDeserializer(), topics.reviewTasks().valueSerde().deserializer(),
                topics.reviewTasks().name()), new TailHandler<>() {
            @Override
            public void accept(ConsumerRecord<String, ReviewTask> record) {
                ReviewTask task = record.value();
                if (task != null && task.getInteraction() != null
                        && InclusionHash.uniform(LABELLER, task.getInteractionId()) >= LEFT_FOR_HUMANS) {
                    producer.send(new ProducerRecord<>(labelsTopic, task.getInteractionId(), label(task)));
                }
            }

            @Override
            public void afterBatch(Consumer<String, ReviewTask> consumer, int records) {
                producer.flush();
                consumer.commitSync();
            }
        });
    }

    private Label label(ReviewTask task) {
        String failure = task.getInteraction().getMetadata().getOrDefault(SyntheticTrafficGenerator.META_FAILURE, FailureKind.NONE.label());
        boolean failed = !FailureKind.NONE.label().equals(failure);
        boolean ambiguous = InclusionHash.uniform(LABELLER + ":ambiguous", task.getInteractionId()) < AMBIGUOUS;
        return Label.newBuilder()
                .setTaskId(task.getTaskId())
                .setInteractionId(task.getInteractionId())
                .setModel(task.getModel())
                .setVersion(task.getVersion())
                .setEventTime(task.getEventTime())
                .setLabeller(LABELLER)
                .setLabel(ambiguous ? LabelValue.AMBIGUOUS : failed ? LabelValue.MISALIGNED : LabelValue.ALIGNED)
                .setCategories(failed ? List.of(failure) : List.of())
                .setNote(null)
                .setManualVersion(manualVersion)
                .setInclusionProbability(task.getInclusionProbability())
                .setLabelledAt(Instant.now())
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
        producer.close();
    }
}
