package org.alignmentmonitor.streams.errors;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that cannot be deserialized go to {@code <topic>-dlq} with the reason; processing goes on.
 * A schema registry outage is not the record's fault: the task fails and the record is read again.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (RegistryOutage.isCauseOf(exception)) {
            LOG.error("Schema registry unavailable while reading {}-{}@{}; failing the task so the record is retried, not dead-lettered: {}",
                    record.topic(), record.partition(), record.offset(), exception.getMessage());
            return Response.fail();
        }
        LOG.warn("Undeserializable record {}-{}@{} sent to dead-letter topic: {}",
                record.topic(), record.partition(), record.offset(), exception.getMessage());
        return Response.resume(DeadLetterRecords.of("deserialization", context, record.key(), record.value(), exception, record.topic()));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic follows from the source topic
    }
}
