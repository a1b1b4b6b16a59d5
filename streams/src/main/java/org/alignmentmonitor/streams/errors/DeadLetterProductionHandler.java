package org.alignmentmonitor.streams.errors;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output that cannot be serialized, or is too large for the broker, is parked in a dead-letter
 * topic with the input that caused it. Other send failures (broker down, fencing), and a schema
 * registry outage while serializing, fail the task so Streams retries them with exactly-once
 * semantics instead of dropping data.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            LOG.warn("Record for {} too large; sent to dead-letter topic", record.topic());
            return Response.resume(deadLetter("production", context, record.topic(), exception));
        }
        return Response.fail();
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (RegistryOutage.isCauseOf(exception)) {
            LOG.error("Schema registry unavailable while serializing {} for {}; failing the task so the input is retried, not dead-lettered: {}",
                    origin, record.topic(), exception.getMessage());
            return Response.fail();
        }
        LOG.warn("Cannot serialize {} for {}; input sent to dead-letter topic: {}", origin, record.topic(), exception.getMessage());
        return Response.resume(deadLetter("serialization", context, record.topic(), exception));
    }

    private static java.util.List<ProducerRecord<byte[], byte[]>> deadLetter(String stage, ErrorHandlerContext context,
                                                                            String targetTopic, Exception exception) {
        return DeadLetterRecords.of(stage, context, context.sourceRawKey(), context.sourceRawValue(), exception, targetTopic);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic follows from the source topic
    }
}
