package org.alignmentmonitor.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.avro.Alert;
import org.alignmentmonitor.avro.AlertState;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

    private static final String SECRET = "s3cret";
    private static final DeliveryPolicy FAST = new DeliveryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long AT_MILLIS = Instant.parse("2026-11-01T00:02:00Z").toEpochMilli();

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final DeliveryCounters counters = new DeliveryCounters();

    @Test
    void shouldRetryAndDeliverASignedGenericBodyWhenTheReceiverFailsTheFirstAttempts() throws Exception {
        try (TestReceiver receiver = new TestReceiver(SECRET, 2)) {
            WebhookDispatcher dispatcher = dispatcher(new WebhookEndpoint("ops", receiver.url(), WebhookFormat.GENERIC, SECRET));

            dispatcher.dispatch(alert()).get(30, TimeUnit.SECONDS);

            assertThat(receiver.requests()).isEqualTo(3);
            assertThat(counters.failedAttempts()).isEqualTo(2);
            assertThat(counters.delivered()).isEqualTo(1);
            assertThat(counters.gaveUp()).isZero();
            TestReceiver.Received received = receiver.accepted().get(0);
            assertThat(received.signatureValid()).isTrue();
            assertThat(received.signature()).matches("sha256=[0-9a-f]{64}");
            assertThat(received.eventId()).isEqualTo("flagged-rate/assistant:v3/FIRING/" + AT_MILLIS);
            JsonNode body = JSON.readTree(received.body());
            assertThat(body.get("eventId").asText()).isEqualTo(received.eventId());
            assertThat(body.get("state").asText()).isEqualTo("FIRING");
            assertThat(body.get("lower").asDouble()).isEqualTo(0.068);
            assertThat(body.get("threshold").asDouble()).isEqualTo(0.05);
            assertThat(body.get("windowStart").asText()).isEqualTo("2026-11-01T00:01:00Z");
            assertThat(outbox.waiting()).isEmpty();
            assertThat(outbox.removals()).as("a first delivery has nothing to remove").isZero();
        }
    }

    @Test
    void shouldRejectTheSignatureWhenBodyTimestampOrSecretDiffer() {
        String signature = WebhookSignature.sign(SECRET, 1_793_491_200L, "{\"a\":1}");

        assertThat(WebhookSignature.verify(SECRET, "1793491200", "{\"a\":1}", signature)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "1793491200", "{\"a\":2}", signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1793491201", "{\"a\":1}", signature)).isFalse();
        assertThat(WebhookSignature.verify("other", "1793491200", "{\"a\":1}", signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, "{\"a\":1}", signature)).isFalse();
    }

    @Test
    void shouldSendASlackCompatibleBodyWhenTheEndpointAsksForOne() throws Exception {
        try (TestReceiver receiver = new TestReceiver(SECRET, 0)) {
            dispatcher(new WebhookEndpoint("slack", receiver.url(), WebhookFormat.SLACK, SECRET))
                    .dispatch(alert()).get(30, TimeUnit.SECONDS);

            JsonNode body = JSON.readTree(receiver.accepted().get(0).body());
            assertThat(body.get("text").asText()).startsWith(":rotating_light: FIRING [CRITICAL] flagged-rate on assistant:v3: ");
            assertThat(body.get("blocks")).extracting(block -> block.get("type").asText())
                    .containsExactly("header", "section", "section", "context");
            assertThat(body.get("blocks").get(0).get("text").get("type").asText()).isEqualTo("plain_text");
        }
    }

    @Test
    void shouldKeepTheEventInTheOutboxAndRedeliverItAfterARestartWhenTheReceiverIsDown() throws Exception {
        URI dead;
        try (TestReceiver gone = new TestReceiver(SECRET, 0)) {
            dead = gone.url();
        }
        WebhookDispatcher beforeRestart = dispatcher(new WebhookEndpoint("ops", dead, WebhookFormat.GENERIC, SECRET));

        beforeRestart.dispatch(alert()).get(30, TimeUnit.SECONDS);

        assertThat(counters.failedAttempts()).isEqualTo(FAST.maxAttempts());
        assertThat(counters.gaveUp()).isEqualTo(1);
        assertThat(outbox.waiting()).singleElement().satisfies(entry -> {
            assertThat(entry.endpoint()).isEqualTo("ops");
            assertThat(entry.eventId()).isEqualTo("flagged-rate/assistant:v3/FIRING/" + AT_MILLIS);
            assertThat(JSON.readTree(entry.body()).get("state").asText()).isEqualTo("FIRING");
        });

        try (TestReceiver receiver = new TestReceiver(SECRET, 0)) {
            // After the restart the receiver is back (at a new address); the endpoint keeps its name.
            WebhookDispatcher afterRestart = dispatcher(new WebhookEndpoint("ops", receiver.url(), WebhookFormat.GENERIC, SECRET));

            afterRestart.redeliver(outbox.waiting()).get(30, TimeUnit.SECONDS);

            assertThat(receiver.accepted()).singleElement().satisfies(received -> {
                assertThat(received.eventId()).isEqualTo("flagged-rate/assistant:v3/FIRING/" + AT_MILLIS);
                assertThat(received.signatureValid()).isTrue();
            });
            assertThat(counters.delivered()).isEqualTo(1);
            assertThat(outbox.waiting()).isEmpty();
        }
    }

    @Test
    void shouldGiveUpAtOnceAndKeepTheEventWhenTheReceiverRejectsTheRequest() throws Exception {
        try (TestReceiver receiver = new TestReceiver("a different secret", 0)) {
            dispatcher(new WebhookEndpoint("ops", receiver.url(), WebhookFormat.GENERIC, SECRET))
                    .dispatch(alert()).get(30, TimeUnit.SECONDS);

            assertThat(receiver.requests()).as("401 is not retried").isEqualTo(1);
            assertThat(counters.gaveUp()).isEqualTo(1);
            assertThat(outbox.waiting()).hasSize(1);
        }
    }

    @Test
    void shouldKeepEntriesForUnconfiguredEndpointsWhenRedelivering() throws Exception {
        outbox.keep(new Outbox.Entry("removed", "e1", "{}"));

        dispatcher().redeliver(outbox.waiting()).get(30, TimeUnit.SECONDS);

        assertThat(outbox.waiting()).singleElement().extracting(Outbox.Entry::endpoint).isEqualTo("removed");
    }

    @Test
    void shouldLeaveTheEntryWaitingWithoutKeepingItAgainWhenARedeliveryRunsOutOfAttempts() throws Exception {
        URI dead;
        try (TestReceiver gone = new TestReceiver(SECRET, 0)) {
            dead = gone.url();
        }
        Outbox.Entry waiting = new Outbox.Entry("ops", "e1", "{}");
        outbox.keep(waiting);
        RecordingOutbox recording = new RecordingOutbox();

        new WebhookDispatcher(List.of(new WebhookEndpoint("ops", dead, WebhookFormat.GENERIC, SECRET)), FAST, recording, counters)
                .redeliver(List.of(waiting)).get(30, TimeUnit.SECONDS);

        assertThat(counters.gaveUp()).isEqualTo(1);
        assertThat(recording.calls).as("already in the outbox: neither kept again nor removed").isEmpty();
    }

    @Test
    void shouldFailTheDispatchWhenTheOutboxCannotKeepTheEvent() throws Exception {
        URI dead;
        try (TestReceiver gone = new TestReceiver(SECRET, 0)) {
            dead = gone.url();
        }
        Outbox broken = new RecordingOutbox() {
            @Override
            public CompletableFuture<Void> keep(Entry entry) {
                return CompletableFuture.failedFuture(new IllegalStateException("topic unavailable"));
            }
        };
        WebhookDispatcher dispatcher = new WebhookDispatcher(
                List.of(new WebhookEndpoint("ops", dead, WebhookFormat.GENERIC, SECRET)), FAST, broken, counters);

        CompletableFuture<Void> dispatched = dispatcher.dispatch(alert());

        assertThat(catchThrowable(() -> dispatched.get(30, TimeUnit.SECONDS)))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("topic unavailable");
    }

    @Test
    void shouldKeepBackoffWithinItsBoundsWhenJittered() {
        DeliveryPolicy policy = new DeliveryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(1));
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(1).toMillis()).isBetween(50L, 100L);
            assertThat(policy.backoff(3).toMillis()).isBetween(200L, 400L);
            assertThat(policy.backoff(40).toMillis()).isBetween(500L, 1000L);
        }
    }

    private WebhookDispatcher dispatcher(WebhookEndpoint... endpoints) {
        return new WebhookDispatcher(List.of(endpoints), FAST, outbox, counters);
    }

    /** Records every call and keeps nothing. */
    private static class RecordingOutbox implements Outbox {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> keep(Entry entry) {
            calls.add("keep " + entry.key());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> remove(Entry entry) {
            calls.add("remove " + entry.key());
            return CompletableFuture.completedFuture(null);
        }
    }

    private static Alert alert() {
        return Alert.newBuilder()
                .setAlertId("flagged-rate/assistant:v3").setRuleId("flagged-rate").setRuleVersion("demo-1")
                .setModel("assistant").setVersion("v3").setState(AlertState.FIRING).setSeverity("critical")
                .setWindowStart(Instant.parse("2026-11-01T00:01:00Z")).setWindowEnd(Instant.parse("2026-11-01T00:02:00Z"))
                .setInteractions(3600).setFlagged(290).setEstimate(0.0806).setLower(0.068).setUpper(0.094)
                .setThreshold(0.05).setMessage("FIRING flagged-rate (1m window): interval is above the threshold")
                .setAt(Instant.parse("2026-11-01T00:02:00Z"))
                .build();
    }
}
