package org.alignmentmonitor.monitor.review;

/**
 * One reviewable item: its content and what a label on it must carry.
 *
 * @param taskId "review:&lt;interactionId&gt;" for sampled tasks, "gold:&lt;id&gt;" for gold items (the stream skips those)
 */
public record CatalogEntry(String itemId, String taskId, String model, String version, long eventTime,
                           double inclusionProbability, ReviewContent content) {
}
