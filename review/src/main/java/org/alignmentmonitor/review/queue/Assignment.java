package org.alignmentmonitor.review.queue;

/** A lease of one item to one labeller until {@code expiresAt}; after that the item returns to the queue for others. */
public record Assignment(String itemId, String labeller, long expiresAt) {
}
