package org.alignmentmonitor.monitor.ingest;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.ingest.Parsers;
import org.alignmentmonitor.connectors.ingest.RecordParser;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.monitor.config.IngestConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/interactions[?format=..&version-rule=..]}: log records in any supported format,
 * parsed by the shared core and written to {@code interactions}. The answer lists every record as
 * accepted (with its interaction id) or rejected (with the reason), and comes only after the broker
 * acknowledged every accepted record (idempotent producer, acks=all). 200 when all were accepted,
 * 400 when any was rejected (the accepted ones are written all the same: resending the whole batch
 * is safe, since ids are deterministic and duplicates count once).
 */
public final class HttpIngest implements AutoCloseable {

    public static final String PATH = "/api/v1/interactions";
    private static final Logger LOG = LoggerFactory.getLogger(HttpIngest.class);
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final IngestConfig config;
    private final String topic;
    private final Producer<String, byte[]> producer;
    private final Serializer<Interaction> serializer;
    private final Counter accepted;
    private final Counter rejected;

    public HttpIngest(IngestConfig config, Map<String, Object> clientConfig, String topic, Serializer<Interaction> serializer,
                      MeterRegistry metrics) {
        this.config = config;
        this.topic = topic;
        this.serializer = serializer;
        Map<String, Object> settings = new HashMap<>(clientConfig);
        // Answer fast: a request waits for its own records, so lingering only adds latency.
        settings.putIfAbsent("linger.ms", 1);
        this.producer = new KafkaProducer<>(KafkaRecordSink.withDefaults(settings), new StringSerializer(), new ByteArraySerializer());
        this.accepted = records(metrics, "accepted");
        this.rejected = records(metrics, "rejected");
    }

    private static Counter records(MeterRegistry metrics, String outcome) {
        return Counter.builder("alignment_monitor_ingest_http_records").description("Records posted to the HTTP ingest endpoint, by outcome")
                .tag("outcome", outcome).register(metrics);
    }

    public void register(JavalinConfig javalin) {
        javalin.routes.post(PATH, this::handle);
    }

    private void handle(Context ctx) {
        if (!authorised(ctx.header("Authorization"))) {
            ctx.status(401).header("WWW-Authenticate", "Bearer").json(Map.of("error", "send Authorization: Bearer <token>"));
            return;
        }
        RecordParser parser;
        try {
            parser = parser(ctx.queryParam("format"), ctx.queryParam("version-rule"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        List<byte[]> records;
        try {
            records = IngestBody.split(readBody(ctx), config.maxRecords());
        } catch (BodyTooLargeException | IngestBody.TooManyRecordsException e) {
            ctx.status(413).json(Map.of("error", e.getMessage()));
            return;
        } catch (IngestBody.MalformedBodyException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        }
        String requestId = UUID.randomUUID().toString();
        List<Map<String, Object>> results = new ArrayList<>(records.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        int rejectedHere = 0;
        for (int i = 0; i < records.size(); i++) {
            for (ParseOutcome outcome : parser.parse(records.get(i), new SourceLocation.HttpRequest(requestId, i))) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("index", i);
                if (outcome instanceof ParseOutcome.Accepted ok) {
                    result.put("status", "accepted");
                    result.put("id", ok.interaction().getId());
                    acks.add(send(ok.interaction()));
                } else if (outcome instanceof ParseOutcome.Rejected no) {
                    rejectedHere++;
                    result.put("status", "rejected");
                    result.put("reason", no.reason());
                } else {
                    result.put("status", "ignored");
                    result.put("reason", ((ParseOutcome.Ignored) outcome).why());
                }
                results.add(result);
            }
        }
        String failure = awaitAcks(acks);
        if (failure != null) {
            ctx.status(503).header("Retry-After", "5").json(Map.of("error", "not written to Kafka: " + failure, "requestId", requestId));
            return;
        }
        accepted.increment(acks.size());
        rejected.increment(rejectedHere);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("requestId", requestId);
        answer.put("accepted", acks.size());
        answer.put("rejected", rejectedHere);
        answer.put("results", results);
        ctx.status(rejectedHere == 0 ? 200 : 400).json(answer);
    }

    private boolean authorised(String header) {
        if (config.httpToken().isEmpty()) {
            return true;
        }
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, config.httpToken().getBytes(StandardCharsets.UTF_8));
    }

    private static RecordParser parser(String format, String versionRule) {
        LogFormat logFormat = LogFormat.fromId(format == null || format.isBlank() ? LogFormat.OPENAI_CHAT.id() : format);
        ModelVersionRule rule = versionRule == null || versionRule.isBlank() ? ModelVersionRule.defaultRule() : ModelVersionRule.parse(versionRule);
        return Parsers.of(logFormat, ParserSettings.defaults().withVersionRule(rule));
    }

    private static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(int limit) {
            super("request body larger than " + limit + " bytes", null, false, false);
        }
    }

    /** Reads at most the limit, whatever Content-Length claims (chunked bodies have none). */
    private byte[] readBody(Context ctx) {
        int limit = config.maxBodyBytes();
        long declared = ctx.contentLength();
        if (declared > limit) {
            OversizedBodies.drain(ctx);
            throw new BodyTooLargeException(limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                OversizedBodies.drain(ctx);
                throw new BodyTooLargeException(limit);
            }
            return body;
        } catch (IOException e) {
            throw new IngestBody.MalformedBodyException("cannot read the request body: " + e.getMessage());
        }
    }

    private Future<RecordMetadata> send(Interaction interaction) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serializer.serialize(topic, headers, interaction);
        return producer.send(new ProducerRecord<>(topic, null, interaction.getId(), value, headers));
    }

    /** Null when every record was acknowledged, else the first failure's message. */
    private static String awaitAcks(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACK_TIMEOUT_SECONDS);
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                LOG.warn("Ingest write failed", e.getCause());
                return e.getCause().getMessage();
            } catch (TimeoutException e) {
                return "no acknowledgement within " + ACK_TIMEOUT_SECONDS + " s";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return null;
    }

    @Override
    public void close() {
        producer.close();
    }
}
