package org.alignmentmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.avro.Verdict;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.streams.errors.DeadLetterRecords;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorTopologyTest {

    private static final Instant T0 = Instant.parse("2026-10-27T10:00:00Z");

    private TopologyFixture fx;
    private TestOutputTopic<String, Verdict> verdicts;
    private TestOutputTopic<String, RateSnapshot> rates;
    private TestOutputTopic<String, String> deadLetters;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(TopologySettings.defaults(ClassifierSuite.defaults()), T0);
        verdicts = fx.verdicts;
        rates = fx.rates;
        deadLetters = fx.deadLetters;
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private void send(Interaction interaction) {
        fx.send(interaction, T0);
    }

    private void flush() {
        fx.flush();
    }

    private BucketStats bucket(String model, String version, Instant start) {
        return fx.stored(Names.BUCKET_STATS_STORE, new BucketKey(model, version, start.toEpochMilli()));
    }

    private BucketStats totals(String model, String version) {
        return fx.stored(Names.VERSION_TOTALS_STORE, VersionTotals.key(model, version));
    }

    @Test
    void shouldEmitOneVerdictPerInteractionWithTheRuleResults() {
        send(TestInteractions.good("a", "m", "v1", T0));
        send(TestInteractions.truncated("b", "m", "v1", T0));

        List<Verdict> out = verdicts.readValuesToList();
        assertThat(out).extracting(Verdict::getInteractionId).containsExactly("a", "b");
        assertThat(out.get(0).getFlagged()).isFalse();
        assertThat(out.get(1).getFlagged()).isTrue();
        assertThat(out.get(1).getResults()).isNotEmpty();
        assertThat(out.get(1).getClassifierConfigVersion()).isNotBlank();
    }

    @Test
    void shouldCountInteractionsInTheMinuteBucketOfTheirEventTime() {
        send(TestInteractions.good("a", "m", "v1", T0.plusSeconds(5)));
        send(TestInteractions.truncated("b", "m", "v1", T0.plusSeconds(59)));
        send(TestInteractions.good("c", "m", "v1", T0.plusSeconds(60)));
        send(TestInteractions.good("d", "m", "v2", T0.plusSeconds(1)));
        flush();

        BucketStats first = bucket("m", "v1", T0);
        assertThat(first.getInteractions()).isEqualTo(2);
        assertThat(first.getFlagged()).isEqualTo(1);
        assertThat(bucket("m", "v1", T0.plusSeconds(60)).getInteractions()).isEqualTo(1);
        assertThat(bucket("m", "v2", T0).getInteractions()).isEqualTo(1);
        assertThat(totals("m", "v1").getInteractions()).isEqualTo(3);
        assertThat(totals("m", "v1").getFlagged()).isEqualTo(1);
    }

    @Test
    void shouldCountAnInteractionOnceWhenItIsDeliveredAgainWithinTheHorizon() {
        Interaction once = TestInteractions.truncated("dup", "m", "v1", T0);
        send(once);
        fx.interactions.pipeInput("dup", once, T0.plus(Duration.ofDays(6)));
        flush();

        assertThat(verdicts.readValuesToList()).hasSize(1);
        assertThat(totals("m", "v1").getInteractions()).isEqualTo(1);
        assertThat(totals("m", "v1").getFlagged()).isEqualTo(1);
    }

    @Test
    void shouldPublishEveryRollingWindowWithEveryEstimatorWhenAVersionChanged() {
        send(TestInteractions.good("a", "m", "v1", T0));
        send(TestInteractions.good("b", "m", "v1", T0.plusSeconds(30)));
        send(TestInteractions.truncated("c", "m", "v1", T0.plusSeconds(90)));
        flush();
        fx.driver.advanceWallClockTime(Duration.ofSeconds(130));  // past the end of the latest minute: it is complete
        fx.publish();

        Map<String, RateSnapshot> out = new HashMap<>();
        rates.readRecordsToList().forEach(r -> out.put(r.key(), r.value()));
        assertThat(out).containsOnlyKeys("m:v1/5m", "m:v1/1h", "m:v1/24h");
        RateSnapshot fiveMinutes = out.get("m:v1/5m");
        assertThat(fiveMinutes.getWindowEnd()).isEqualTo(T0.plusSeconds(120));
        assertThat(fiveMinutes.getWindowStart()).isEqualTo(T0.plusSeconds(120 - 300));
        assertThat(fiveMinutes.getInteractions()).isEqualTo(3);
        assertThat(fiveMinutes.getFlagged()).isEqualTo(1);
        assertThat(fiveMinutes.getFlaggedShare()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(fiveMinutes.getLabelled()).isZero();
        assertThat(fiveMinutes.getLow().getCsLower()).isZero();
        assertThat(fiveMinutes.getLow().getCsUpper()).isEqualTo(1.0);
        assertThat(out.get("m:v1/24h").getInteractions()).isEqualTo(3);

        fx.publish();
        assertThat(rates.isEmpty()).as("nothing changed, nothing republished").isTrue();
    }

    @Test
    void shouldLeaveTheFillingMinuteOutOfTheWindowsUntilItIsComplete() {
        Instant now = T0.plusSeconds(30);
        fx.driver.advanceWallClockTime(Duration.ofSeconds(30));
        send(TestInteractions.good("a", "m", "v1", T0.minusSeconds(30)));
        send(TestInteractions.good("b", "m", "v1", now.minusSeconds(1)));
        flush();
        fx.publish();

        RateSnapshot partial = lastFiveMinutes();
        assertThat(partial.getWindowEnd()).isEqualTo(T0);
        assertThat(partial.getInteractions()).isEqualTo(1);

        fx.driver.advanceWallClockTime(Duration.ofSeconds(40));  // the minute of "b" is now over
        RateSnapshot complete = lastFiveMinutes();
        assertThat(complete.getWindowEnd()).isEqualTo(T0.plusSeconds(60));
        assertThat(complete.getInteractions()).isEqualTo(2);
    }

    private RateSnapshot lastFiveMinutes() {
        RateSnapshot last = null;
        for (TestRecord<String, RateSnapshot> r : rates.readRecordsToList()) {
            if (r.key().equals("m:v1/5m")) {
                last = r.value();
            }
        }
        return last;
    }

    @Test
    void shouldSendUndeserializableRecordsToTheDeadLetterTopicAndKeepProcessing() {
        fx.rawInteractions.pipeInput("bad", "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8), T0);
        send(TestInteractions.good("a", "m", "v1", T0));
        flush();

        TestRecord<String, String> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("bad");
        assertThat(dead.value()).isEqualTo("{\"not\": \"avro\"}");
        assertThat(header(dead, DeadLetterRecords.STAGE)).isEqualTo("deserialization");
        assertThat(header(dead, DeadLetterRecords.REASON)).isNotBlank();
        assertThat(header(dead, DeadLetterRecords.SOURCE_TOPIC)).isEqualTo(fx.names.interactions());
        assertThat(totals("m", "v1").getInteractions()).isEqualTo(1);
        assertThat(droppedRecords()).isEqualTo(1.0);
    }

    @Test
    void shouldSendInvalidInteractionsToTheDeadLetterTopicWithTheReason() {
        send(TestInteractions.good("blank-version", "m", " ", T0));
        send(TestInteractions.good("future", "m", "v1", Instant.now().plus(Duration.ofDays(3))));
        send(TestInteractions.good("a", "m", "v1", T0));
        flush();

        List<TestRecord<String, String>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(TestRecord::key).containsExactly("blank-version", "future");
        assertThat(header(dead.get(0), DeadLetterRecords.REASON)).contains("version is blank");
        assertThat(header(dead.get(1), DeadLetterRecords.REASON)).contains("future");
        assertThat(header(dead.get(0), DeadLetterRecords.STAGE)).isEqualTo("processing");
        assertThat(totals("m", "v1").getInteractions()).isEqualTo(1);
        assertThat(droppedRecords()).isEqualTo(2.0);
    }

    private static String header(TestRecord<String, String> record, String name) {
        return TopologyFixture.header(record, name);
    }

    private double droppedRecords() {
        return fx.droppedRecords();
    }
}
