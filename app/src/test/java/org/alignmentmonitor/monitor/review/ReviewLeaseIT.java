package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.review.queue.Assignment;
import org.alignmentmonitor.review.queue.Judgment;
import org.alignmentmonitor.review.queue.QueueSettings;
import org.alignmentmonitor.streams.topology.Names;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.access.ReviewUser;
import org.alignmentmonitor.monitor.access.Role;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lease outlives the review process that granted it: on the real in-process broker, an item leased to one labeller
 * is still theirs in a new review process, and no one else's, until the lease expires; then it goes to the next.
 */
class ReviewLeaseIT {

    /**
     * Long enough to cover the second process's start on a busy machine (about a second with the other IT fork
     * running, ten times that here), short enough to wait out: the test waits the whole lease.
     */
    private static final QueueSettings SETTINGS = new QueueSettings(Duration.ofSeconds(10), 0.0, 0.0, "lease-it");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTheItemItsHoldersAcrossARestartUntilTheLeaseExpiresWhenAnotherLabellerAsks() throws Exception {
        ReviewUser ann = new ReviewUser("ann", Role.LABELLER);
        ReviewUser bob = new ReviewUser("bob", Role.LABELLER);
        UserDirectory users = UserDirectory.of(Map.of(ann, "token-ann", bob, "token-bob"));
        try (ReviewHarness harness = new ReviewHarness(dataDir)) {
            String leasesTopic = Names.reviewLeasesTopic(harness.kafka.config().applicationId());
            harness.publish(List.of(ReviewHarness.task("lease-1", 1_000L, "Say hi", "hi hi hi", 0, 5)));

            Assignment annsLease;
            try (ReviewRuntime first = harness.startReview(users, SETTINGS)) {
                annsLease = first.service().next(ann).orElseThrow();
                assertThat(first.service().next(bob)).isEmpty();
            }
            assertThat(annsLease.itemId()).isEqualTo("lease-1");

            try (ReviewRuntime second = harness.startReview(users, SETTINGS)) {
                ReviewService service = second.service();
                assertThat(service.next(bob)).as("bob while ann's lease holds").isEmpty();
                assertThat(service.next(ann)).as("ann keeps her lease").contains(annsLease);
                assertThat(System.currentTimeMillis()).as("checked before the lease expired").isLessThan(annsLease.expiresAt());

                await().atMost(SETTINGS.lease().plusSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(service.next(bob)).isPresent());
                Assignment bobsLease = service.next(bob).orElseThrow();
                assertThat(bobsLease.itemId()).isEqualTo("lease-1");
                assertThat(bobsLease.expiresAt() - SETTINGS.lease().toMillis()).as("granted after ann's expired")
                        .isGreaterThanOrEqualTo(annsLease.expiresAt());
                assertThat(service.next(ann)).as("ann was shown it before the restart").isEmpty();

                assertThat(service.submit(bob, new LabelInput("lease-1", Judgment.ALIGNED, List.of(), ""))).isEqualTo(ReviewService.Outcome.SAVED);
            }
            List<ConsumerRecord<String, byte[]>> records = leaseRecords(harness, leasesTopic);
            assertThat(records).extracting(ConsumerRecord::key).containsOnly("lease-1");
            assertThat(records).as("ann's grant and bob's: a label ends a lease on every replica without a record").hasSize(2);
            assertThat(JSON.readTree(records.get(0).value()).path("leases").path(0).path("labeller").asText()).isEqualTo("ann");
            assertThat(JSON.readTree(records.get(0).value()).path("leases").path(0).path("expiresAt").asLong()).isEqualTo(annsLease.expiresAt());
            assertThat(JSON.readTree(records.get(0).value()).path("version").asLong()).isEqualTo(1);
            assertThat(JSON.readTree(records.get(1).value()).path("leases").path(0).path("labeller").asText()).isEqualTo("bob");
            assertThat(JSON.readTree(records.get(1).value()).path("version").asLong()).isEqualTo(2);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> leaseRecords(ReviewHarness harness, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(new HashMap<>(harness.kafka.clientConfig()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
