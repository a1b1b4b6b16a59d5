package org.alignmentmonitor.streams.errors;

import java.util.Map;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws goes, as its original bytes, to the dead-letter topic of the
 * topic it was read from; the stream thread goes on with the next record. A schema registry outage
 * (a store or forward serializing through the registry) fails the task instead, so the record is retried.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (RegistryOutage.isCauseOf(exception)) {
            LOG.error("Schema registry unavailable in {} at {}-{}@{}; failing the task so the record is retried, not dead-lettered: {}",
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception.getMessage());
            return Response.fail();
        }
        if (exception instanceof InvalidRecordException) {
            LOG.debug("Invalid record at {}-{}@{}: {}", context.topic(), context.partition(), context.offset(), exception.getMessage());
        } else {
            LOG.warn("Processing failed in {} at {}-{}@{}; record sent to dead-letter topic",
                    context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
        }
        return Response.resume(DeadLetterRecords.of("processing", context, context.sourceRawKey(), context.sourceRawValue(),
                exception, context.topic()));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the dead-letter topic follows from the source topic
    }
}
