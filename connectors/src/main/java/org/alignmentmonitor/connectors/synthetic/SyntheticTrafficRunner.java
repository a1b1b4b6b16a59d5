package org.alignmentmonitor.connectors.synthetic;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.alignmentmonitor.connectors.RecordSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link RecordSink} from a generator at a steady rate, stamping each Interaction with the
 * clock's current time, until {@link #stop()}. Run it on a thread of your own, or {@link #start()} one.
 * A sink failure ends the run; it is logged and kept in {@link #failure()}.
 */
public final class SyntheticTrafficRunner implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SyntheticTrafficRunner.class);
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final SyntheticTrafficGenerator generator;
    private final RecordSink sink;
    private final double ratePerSecond;
    private final Clock clock;
    private volatile boolean running = true;
    private volatile Thread worker;
    private volatile long produced;
    private volatile RuntimeException failure;

    public SyntheticTrafficRunner(SyntheticTrafficGenerator generator, RecordSink sink, double ratePerSecond, Clock clock) {
        if (!(ratePerSecond > 0 && Double.isFinite(ratePerSecond))) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.generator = Objects.requireNonNull(generator, "generator");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.ratePerSecond = ratePerSecond;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs on a new daemon thread named {@code synthetic-traffic}. */
    public void start() {
        Thread thread = new Thread(this, "synthetic-traffic");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void run() {
        worker = Thread.currentThread();
        log.info("Synthetic traffic at {} interactions/s", ratePerSecond);
        long start = System.nanoTime();
        long emitted = 0;
        try {
            while (running) {
                long elapsed = System.nanoTime() - start;
                long due = (long) (elapsed / 1e9 * ratePerSecond);
                // After a stall (a slow sink, a paused JVM) skip the backlog beyond one second rather
                // than bursting: the demo wants a steady rate, not a catch-up spike.
                emitted = Math.max(emitted, due - (long) Math.ceil(ratePerSecond));
                while (running && emitted < due) {
                    sink.accept(generator.next(clock.millis()));
                    emitted++;
                    produced++;
                }
                long nextDue = start + (long) ((emitted + 1) * 1e9 / ratePerSecond);
                LockSupport.parkNanos(this, Math.max(0, nextDue - System.nanoTime()));
            }
            log.info("Synthetic traffic stopped after {} interactions", produced);
        } catch (RuntimeException e) {
            failure = e;
            log.error("Synthetic traffic stopped after {} interactions: the sink failed", produced, e);
        } finally {
            running = false;
        }
    }

    /** Asks the run to end and waits (up to 10 s) for it to. */
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null && thread != Thread.currentThread()) {
            LockSupport.unpark(thread);
            try {
                thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** Interactions handed to the sink so far. */
    public long produced() {
        return produced;
    }

    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }
}
