package org.alignmentmonitor.monitor.review;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.ClassifierResult;
import org.alignmentmonitor.avro.EvidenceSpan;
import org.alignmentmonitor.avro.EvidenceTarget;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.tail.Tails;
import org.alignmentmonitor.review.queue.QueueSettings;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.config.ReviewSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** The embedded broker and registry with the product's topics, plus helpers to write tasks and read labels. */
final class ReviewHarness implements AutoCloseable {

    final MonitorRuntime kafka;

    ReviewHarness(Path dataDir) {
        AvroTrust.install();
        kafka = MonitorRuntime.connect(ConfigLoader.load(Map.of("monitor.data.dir", dataDir.toString(), "monitor.http.port", "0"),
                null, Map.of(), Map.of()));
    }

    ReviewRuntime startReview(UserDirectory users, QueueSettings settings) throws InterruptedException {
        return startReview(users, settings, ReviewSettings.defaults());
    }

    /** One review replica more: its own tails, sharing the application id (and so the topics) with every other. */
    ReviewRuntime startReview(UserDirectory users, QueueSettings settings, ReviewSettings review) throws InterruptedException {
        return ReviewRuntime.start(settings, review, users, kafka.clientConfig(), kafka.topics(),
                Names.reviewLeasesTopic(kafka.config().applicationId()), new Tails(new SimpleMeterRegistry()));
    }

    void publish(List<ReviewTask> tasks) throws Exception {
        var topic = kafka.topics().reviewTasks();
        try (KafkaProducer<String, ReviewTask> producer = new KafkaProducer<>(new HashMap<>(kafka.clientConfig()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (ReviewTask t : tasks) {
                producer.send(new ProducerRecord<>(topic.name(), t.getInteractionId(), t)).get();
            }
        }
    }

    /** Every record on the labels topic now. */
    List<Label> labels() {
        var topic = kafka.topics().labels();
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Label> out = new ArrayList<>();
        try (KafkaConsumer<String, Label> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, Label> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    static ReviewTask task(String id, long createdAt, String prompt, String completion, int evidenceStart, int evidenceEnd) {
        Instant at = Instant.ofEpochMilli(createdAt);
        Interaction interaction = Interaction.newBuilder().setId(id).setEventTime(at).setModel("demo").setVersion("v1")
                .setConversation(List.of(Message.newBuilder().setRole("user").setContent(prompt).build()))
                .setCompletion(completion).build();
        List<ClassifierResult> results = evidenceEnd <= evidenceStart ? List.of() : List.of(ClassifierResult.newBuilder()
                .setClassifierId("rule.repetition").setClassifierVersion("1").setScore(0.9).setFlagged(true)
                .setCategories(List.of("repetition"))
                .setEvidence(List.of(EvidenceSpan.newBuilder().setTarget(EvidenceTarget.COMPLETION).setStart(evidenceStart)
                        .setEnd(evidenceEnd).setReason("repeats itself").build())).build());
        return ReviewTask.newBuilder().setTaskId("review:" + id).setInteractionId(id).setModel("demo").setVersion("v1")
                .setEventTime(at).setInclusionProbability(0.25).setStratum("v1|high|flagged").setSamplerVersion("test")
                .setInteraction(interaction).setResults(results).setCreatedAt(at).setScore(0.9).setFlagged(true).build();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
