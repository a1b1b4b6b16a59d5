package org.alignmentmonitor.review.queue;

/**
 * @param waiting          ordinary items still needing a label
 * @param oldestEnqueuedAt enqueue time of the oldest waiting item, or -1 when none waits
 * @param leased           active leases
 * @param adjudications    open adjudication cases
 */
public record QueueDepth(int waiting, long oldestEnqueuedAt, int leased, int adjudications) {
}
