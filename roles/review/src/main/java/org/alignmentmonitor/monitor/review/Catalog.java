package org.alignmentmonitor.monitor.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.alignmentmonitor.avro.ReviewTask;

/**
 * The reviewable items. Sampled tasks keep their content on local disk and only a file position on the heap: a queue
 * that nobody labels for months must not hold months of completions in memory (at 2,000 interactions/s the heap
 * grew ~1 MB a minute from this alone). The review-tasks topic is the truth, so the file is scratch space: empty at
 * start, refilled as the feed replays the topic, deleted on close. Gold items are few and stay on the heap.
 */
final class Catalog implements AutoCloseable {

    private record Slot(long offset, int length) {
    }

    private final Map<String, CatalogEntry> gold = new ConcurrentHashMap<>();
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Path file;
    private final FileChannel channel;
    private long end;

    Catalog() {
        try {
            file = Files.createTempFile("review-content-", ".bin");
            file.toFile().deleteOnExit();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the review content file", e);
        }
    }

    void putGold(CatalogEntry entry) {
        gold.put(entry.itemId(), entry);
    }

    /** Stores the task's content unless its item is already known (a task delivered again). */
    void putIfAbsent(String itemId, ReviewTask task) {
        slots.computeIfAbsent(itemId, id -> append(task));
    }

    Optional<CatalogEntry> get(String itemId) {
        CatalogEntry g = gold.get(itemId);
        if (g != null) {
            return Optional.of(g);
        }
        Slot slot = slots.get(itemId);
        return slot == null ? Optional.empty() : Optional.of(TaskMapping.entry(read(slot)));
    }

    private synchronized Slot append(ReviewTask task) {
        try {
            ByteBuffer bytes = task.toByteBuffer();
            Slot slot = new Slot(end, bytes.remaining());
            while (bytes.hasRemaining()) {
                end += channel.write(bytes, end);
            }
            return slot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write review content to " + file, e);
        }
    }

    private ReviewTask read(Slot slot) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(slot.length());
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, slot.offset() + bytes.position()) < 0) {
                    throw new IOException("review content file ends early");
                }
            }
            return ReviewTask.fromByteBuffer(bytes.flip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read review content from " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
