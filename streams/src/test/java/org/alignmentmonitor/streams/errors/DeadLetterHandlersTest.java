package org.alignmentmonitor.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.alignmentmonitor.schemas.registry.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

    private static final byte[] BYTES = {0, 0, 0, 0, 7, 1};
    private static final ErrorHandlerContext CONTEXT = new DefaultErrorHandlerContext(null, "interactions", 0, 42L, new RecordHeaders(),
            "validate", new TaskId(0, 0), 0L, null, BYTES);
    private static final SchemaRegistryException REGISTRY_DOWN = new SchemaRegistryException(
            "cannot reach any schema registry at [http://127.0.0.1:1]: connection refused", new ConnectException("refused"));

    @Test
    void shouldFailInsteadOfDeadLetteringWhenTheRegistryIsUnreachableWhileReading() {
        DeserializationExceptionHandler.Response response = new DeadLetterDeserializationHandler()
                .handleError(CONTEXT, new ConsumerRecord<>("interactions", 0, 42L, null, BYTES), REGISTRY_DOWN);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldDeadLetterWithTheReasonWhenTheRegistryHasNoSuchSchema() {
        SerializationException unknownId = new SerializationException("unknown schema id 7 on topic interactions",
                SchemaRegistryException.schemaNotFound("no schema with id 7"));

        DeserializationExceptionHandler.Response response = new DeadLetterDeserializationHandler()
                .handleError(CONTEXT, new ConsumerRecord<>("interactions", 0, 42L, null, BYTES), unknownId);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(r -> assertThat(new String(r.headers().lastHeader(DeadLetterRecords.REASON).value()))
                        .contains("unknown schema id 7"));
    }

    @Test
    void shouldFailInsteadOfDeadLetteringWhenTheRegistryAnswers503WhileSerializing() {
        SchemaRegistryException unavailable = new SchemaRegistryException(503, 503, "Service Unavailable");

        ProductionExceptionHandler.Response response = new DeadLetterProductionHandler().handleSerializationError(CONTEXT,
                new ProducerRecord<>("verdicts", "k", "v"), unavailable, ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldFailInsteadOfDeadLetteringWhenProcessingHitsARegistryOutage() {
        ProcessingExceptionHandler.Response response = new DeadLetterProcessingHandler()
                .handleError(CONTEXT, new Record<>("k", "v", 0L), new IllegalStateException("store write failed", REGISTRY_DOWN));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldTellAnOutageFromAVerdictOnTheRecord() {
        assertThat(RegistryOutage.isCauseOf(REGISTRY_DOWN)).isTrue();
        assertThat(RegistryOutage.isCauseOf(new SchemaRegistryException(401, 401, "Unauthorized"))).isTrue();
        assertThat(RegistryOutage.isCauseOf(new SchemaRegistryException(409, 409, "incompatible"))).isFalse();
        assertThat(RegistryOutage.isCauseOf(new SerializationException("truncated Avro payload"))).isFalse();
    }
}
