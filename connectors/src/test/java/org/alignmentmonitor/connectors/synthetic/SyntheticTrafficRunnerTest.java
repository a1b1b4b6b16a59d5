package org.alignmentmonitor.connectors.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.RecordSink;
import org.junit.jupiter.api.Test;

class SyntheticTrafficRunnerTest {

    private static final double RATE = 500;
    private static final long TARGET = 200;

    private static SyntheticTrafficGenerator generator() {
        return new SyntheticTrafficGenerator(SyntheticConfig.defaults(), 1, System.currentTimeMillis());
    }

    private static final class CollectingSink implements RecordSink {
        final ConcurrentLinkedQueue<Interaction> accepted = new ConcurrentLinkedQueue<>();

        @Override
        public void accept(Interaction interaction) {
            accepted.add(interaction);
        }

        @Override
        public void reject(LogLine line, String reason) {
            throw new AssertionError("the generator never rejects");
        }
    }

    /**
     * The pacer emits item k only once k / rate seconds have passed, so "not faster than the rate" holds
     * on any machine; "not much slower" can only be bounded by a generous deadline.
     */
    @Test
    void shouldNeverOutpaceTheTargetRateWhenProducing() {
        CollectingSink sink = new CollectingSink();
        SyntheticTrafficRunner runner = new SyntheticTrafficRunner(generator(), sink, RATE, Clock.systemUTC());

        long startNanos = System.nanoTime();
        runner.start();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(runner.produced()).isGreaterThanOrEqualTo(TARGET));
            long produced = runner.produced();
            double seconds = (System.nanoTime() - startNanos) / 1e9;

            assertThat(produced).isLessThanOrEqualTo((long) Math.floor(seconds * RATE));
        } finally {
            runner.stop();
        }
    }

    @Test
    void shouldHandEveryProducedInteractionToTheSinkWhenStopped() {
        CollectingSink sink = new CollectingSink();
        SyntheticTrafficRunner runner = new SyntheticTrafficRunner(generator(), sink, RATE, Clock.systemUTC());
        runner.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.accepted).isNotEmpty());

        runner.stop();  // joins the worker, so nothing is in flight afterwards
        long produced = runner.produced();

        assertThat(runner.isRunning()).isFalse();
        assertThat(runner.failure()).isEmpty();
        assertThat(sink.accepted).hasSize((int) produced);
        assertThat(runner.produced()).isEqualTo(produced);
    }

    @Test
    void shouldEndTheRunAndReportTheFailureWhenTheSinkFails() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        RecordSink failing = new RecordSink() {
            @Override
            public void accept(Interaction interaction) {
                if (calls.incrementAndGet() == 3) {
                    throw new IllegalStateException("broker gone");
                }
            }

            @Override
            public void reject(LogLine line, String reason) {
            }
        };
        SyntheticTrafficRunner runner = new SyntheticTrafficRunner(generator(), failing, 1000, Clock.systemUTC());

        Thread thread = new Thread(runner);
        thread.start();
        thread.join(5000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(runner.failure()).get().extracting(Throwable::getMessage).isEqualTo("broker gone");
        assertThat(runner.produced()).isEqualTo(2);
    }
}
