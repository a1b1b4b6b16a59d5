package org.alignmentmonitor.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

/**
 * Simulated traffic of one model version: per tick, a fixed number of interactions each flagged with
 * the true rate at that time (so flagged counts are Binomial), kept as a sliding window of ticks.
 */
final class SimulatedVersion {

    private record Tick(long interactions, long flagged) {}

    private final String model;
    private final String version;
    private final long perTick;
    private final Duration tick;
    private final int ticksPerWindow;
    private final LongToDoubleFunction rateAtMillis;
    private final Random random;
    private final Deque<Tick> window = new ArrayDeque<>();

    /** @param rateAtMillis the true rate as a function of milliseconds since the start */
    SimulatedVersion(String model, String version, long perTick, Duration tick, Duration window,
                     LongToDoubleFunction rateAtMillis, long seed) {
        this.model = model;
        this.version = version;
        this.perTick = perTick;
        this.tick = tick;
        this.ticksPerWindow = Math.toIntExact(window.dividedBy(tick));
        this.rateAtMillis = rateAtMillis;
        this.random = new Random(seed);
    }

    /** Adds the traffic of tick {@code index} (0-based) and returns the window as of its end. */
    Observation advance(Instant start, int index) {
        double rate = rateAtMillis.applyAsDouble(tick.multipliedBy(index).toMillis());
        long flagged = 0;
        for (long i = 0; i < perTick; i++) {
            flagged += random.nextDouble() < rate ? 1 : 0;
        }
        window.addLast(new Tick(perTick, flagged));
        if (window.size() > ticksPerWindow) {
            window.removeFirst();
        }
        Instant at = start.plus(tick.multipliedBy(index + 1L));
        long interactions = window.stream().mapToLong(Tick::interactions).sum();
        long flaggedInWindow = window.stream().mapToLong(Tick::flagged).sum();
        return new Observation(model, version, at.minus(tick.multipliedBy(ticksPerWindow)), at, at,
                interactions, flaggedInWindow, 0, 0, 0, 0.0, 0.0);
    }
}
