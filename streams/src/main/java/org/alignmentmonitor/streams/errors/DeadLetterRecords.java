package org.alignmentmonitor.streams.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds dead-letter records: the original bytes, untouched, plus headers saying what failed where.
 * Header names are shared with the ingest connectors so one tool reads every dead-letter topic.
 */
public final class DeadLetterRecords {

    public static final String REASON = "dlq.reason";
    public static final String EXCEPTION = "dlq.exception";
    public static final String STAGE = "dlq.stage";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String PROCESSOR = "dlq.processor";
    public static final String TIMESTAMP = "dlq.timestamp";

    private static final int MAX_REASON_CHARS = 2000;

    private DeadLetterRecords() {
    }

    /**
     * One dead-letter record for a failure seen by a Streams handler.
     *
     * @param fallbackTopic topic whose dead-letter topic is used when the failure has no source topic (punctuations)
     */
    public static List<ProducerRecord<byte[], byte[]>> of(String stage, ErrorHandlerContext context, byte[] key, byte[] value,
                                                          Exception exception, String fallbackTopic) {
        String sourceTopic = context.topic() != null ? context.topic() : fallbackTopic;
        RecordHeaders headers = new RecordHeaders();
        context.headers().forEach(headers::add);
        put(headers, REASON, reason(exception));
        put(headers, EXCEPTION, exception.getClass().getName());
        put(headers, STAGE, stage);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, String.valueOf(context.partition()));
        put(headers, SOURCE_OFFSET, String.valueOf(context.offset()));
        put(headers, PROCESSOR, context.processorNodeId());
        put(headers, TIMESTAMP, String.valueOf(System.currentTimeMillis()));
        return List.of(new ProducerRecord<>(DeadLetterTopics.of(sourceTopic), null, null, key, value, headers));
    }

    /**
     * Marks a record that a parse step rejected, in place: the same headers a Streams handler writes,
     * so one tool reads every dead-letter topic.
     */
    public static Headers markRejected(Headers headers, String stage, String reason, String sourceTopic, int partition, long offset,
                                       String processor) {
        put(headers, REASON, reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        put(headers, STAGE, stage);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, String.valueOf(partition));
        put(headers, SOURCE_OFFSET, String.valueOf(offset));
        put(headers, PROCESSOR, processor);
        put(headers, TIMESTAMP, String.valueOf(System.currentTimeMillis()));
        return headers;
    }

    /** The exception's message chain, so "invalid schema id 7" is not hidden behind a wrapper. */
    static String reason(Throwable exception) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = exception; t != null && sb.length() < MAX_REASON_CHARS; t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (sb.indexOf(message) < 0) {
                if (!sb.isEmpty()) {
                    sb.append(": ");
                }
                sb.append(message);
            }
        }
        return sb.length() > MAX_REASON_CHARS ? sb.substring(0, MAX_REASON_CHARS) : sb.toString();
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
