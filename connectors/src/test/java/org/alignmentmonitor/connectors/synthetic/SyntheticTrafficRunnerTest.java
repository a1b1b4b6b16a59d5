package org.alignmentmonitor.connectors.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.LogLine;
import org.alignmentmonitor.connectors.RecordSink;
import org.junit.jupiter.api.Test;

class SyntheticTrafficRunnerTest {

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

    @Test
    void producesAtAboutTheTargetRateUntilStopped() throws InterruptedException {
        CollectingSink sink = new CollectingSink();
        SyntheticTrafficRunner runner = new SyntheticTrafficRunner(generator(), sink, 500, Clock.systemUTC());

        runner.start();
        Thread.sleep(1000);
        runner.stop();
        long produced = runner.produced();
        Thread.sleep(100);

        assertThat(runner.isRunning()).isFalse();
        assertThat(runner.failure()).isEmpty();
        // A shared CI machine may stall the thread; the bounds only catch a broken pacer.
        assertThat(produced).isBetween(150L, 650L);
        assertThat(sink.accepted).hasSize((int) produced);
    }

    @Test
    void aFailingSinkEndsTheRunAndIsReported() throws InterruptedException {
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
