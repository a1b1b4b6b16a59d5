package org.alignmentmonitor.review.queue;

import java.util.Objects;

/**
 * Something a labeller can be asked to judge.
 *
 * @param goldAnswer the known answer of a hidden gold item, null for ordinary items
 */
public record QueueItem(String itemId, long enqueuedAt, Judgment goldAnswer) {

    public QueueItem {
        Objects.requireNonNull(itemId, "itemId");
    }

    public static QueueItem task(String itemId, long enqueuedAt) {
        return new QueueItem(itemId, enqueuedAt, null);
    }

    public static QueueItem gold(String itemId, Judgment answer) {
        return new QueueItem(itemId, 0L, Objects.requireNonNull(answer, "answer"));
    }

    public boolean gold() {
        return goldAnswer != null;
    }
}
