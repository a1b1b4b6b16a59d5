package org.alignmentmonitor.alerts.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The outbox as a map, standing in for the Kafka topic: it outlives a dispatcher like the topic outlives a process. */
final class MemoryOutbox implements Outbox {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger removals = new AtomicInteger();

    @Override
    public CompletableFuture<Void> keep(Entry entry) {
        entries.put(entry.key(), entry);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> remove(Entry entry) {
        entries.remove(entry.key());
        removals.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    List<Entry> waiting() {
        return List.copyOf(entries.values());
    }

    int removals() {
        return removals.get();
    }
}
