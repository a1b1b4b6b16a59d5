package org.alignmentmonitor.monitor.runtime.tail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this process runs a consumer loop outside Kafka Streams: every tail gets the same
 * restart with backoff, the same metrics and a place in {@code /health}.
 */
public final class Tails implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tails.class);

    private final MeterRegistry registry;
    private final Backoff backoff;
    private final List<SupervisedTail<?, ?>> tails = new CopyOnWriteArrayList<>();

    public Tails(MeterRegistry registry) {
        this(registry, Backoff.DEFAULT);
    }

    public Tails(MeterRegistry registry, Backoff backoff) {
        this.registry = registry;
        this.backoff = backoff;
    }

    public <K, V> SupervisedTail<K, V> start(TailSpec<K, V> spec, TailHandler<K, V> handler) {
        SupervisedTail<K, V> tail = new SupervisedTail<>(spec, handler, backoff, registry);
        tails.add(tail);
        tail.start();
        return tail;
    }

    public List<TailHealth> health() {
        return tails.stream().map(SupervisedTail::health).toList();
    }

    public boolean healthy() {
        return tails.stream().allMatch(t -> t.health().healthy());
    }

    /** Stops every tail still running; each also stops on its own {@code close()}. */
    @Override
    public void close() {
        for (SupervisedTail<?, ?> tail : tails) {
            try {
                tail.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Interrupted while stopping topic tail {}", tail.name());
            }
        }
    }
}
