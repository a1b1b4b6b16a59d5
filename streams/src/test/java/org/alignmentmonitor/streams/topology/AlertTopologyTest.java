package org.alignmentmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.alignmentmonitor.alerts.RuleFile;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;
import org.alignmentmonitor.avro.OutcomeEstimates;
import org.alignmentmonitor.avro.RateSnapshot;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.streams.judging.JudgingSettings;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.alignmentmonitor.streams.review.SamplingSettings;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert rules in the topology: published rates go in, one FIRING and one RESOLVED come out. */
class AlertTopologyTest {

    private static final Instant T0 = Instant.parse("2026-10-27T10:00:00Z");
    private static final RuleFile RULES = RuleFile.parse("""
            version: "test-1"
            rules:
              - id: flagged-rate
                kind: threshold
                series: flagged
                window: 5m
                threshold: 0.05
                minInteractions: 1000
                sustainedFor: 30s
                severity: critical
            """);

    private TopologyFixture fx;
    private TestInputTopic<String, RateSnapshot> rates;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start() {
        TopologySettings settings = new TopologySettings(Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofSeconds(1),
                ClassifierSuite.defaults(), SamplingSettings.defaults("salt", 1), RateSettings.defaults(), RULES, JudgingSettings.OFF);
        fx = new TopologyFixture(settings, T0);
        rates = fx.driver.createInputTopic(fx.names.rates(), new StringSerializer(), fx.topics.rates().valueSerde().serializer());
        alerts = fx.driver.createOutputTopic(fx.names.alerts(), new StringDeserializer(), fx.topics.alerts().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void shouldFireOnceWhenTheFlaggedShareStaysClearlyAboveTheThresholdAndResolveWhenItFalls() {
        for (int tick = 0; tick < 12; tick++) {
            send(tick, tick < 8 ? 0.10 : 0.01);
        }

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).extracting(Alert::getState).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        Alert firing = out.get(0);
        assertThat(firing.getAlertId()).isEqualTo("flagged-rate/m:v1");
        assertThat(firing.getRuleVersion()).isEqualTo("test-1");
        assertThat(firing.getAt()).as("sustained for 30 s of 10 s ticks").isEqualTo(T0.plusSeconds(30));
        assertThat(firing.getLower()).isGreaterThan(0.05);
        assertThat(firing.getInteractions()).isEqualTo(5_000);
    }

    @Test
    void shouldNotPageWhenTheShareSitsJustBelowTheThreshold() {
        for (int tick = 0; tick < 100; tick++) {
            send(tick, 0.049);
        }
        assertThat(alerts.isEmpty()).isTrue();
    }

    private void send(int tick, double share) {
        Instant at = T0.plusSeconds(10L * tick);
        OutcomeEstimates none = new OutcomeEstimates(Double.NaN, 0.0, 1.0, 0.0, 1.0, Double.NaN, 0.0, 1.0, 0.0, Double.NaN, 0.0, 1.0);
        RateSnapshot snapshot = RateSnapshot.newBuilder()
                .setModel("m").setVersion("v1").setWindow("5m")
                .setWindowStart(at.minus(Duration.ofMinutes(5))).setWindowEnd(at)
                .setInteractions(5_000).setFlagged(Math.round(5_000 * share)).setLabelled(0)
                .setAlpha(0.05).setMeanScore(share).setFlaggedShare(share)
                .setLow(none).setHigh(none).setAt(at)
                .build();
        rates.pipeInput("m:v1/5m", snapshot, at);
    }
}
