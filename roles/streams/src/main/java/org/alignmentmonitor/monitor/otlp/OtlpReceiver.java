package org.alignmentmonitor.monitor.otlp;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.SourceLocation;
import org.alignmentmonitor.connectors.openai.InvalidRecordException;
import org.alignmentmonitor.connectors.otel.OtlpTraceParser;
import org.alignmentmonitor.monitor.config.OtlpSettings;
import org.alignmentmonitor.monitor.ingest.OversizedBodies;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP trace receiver: {@code POST /v1/traces} in protobuf or JSON, optionally gzipped. GenAI
 * inference spans become Interactions on the interactions topic; unreadable ones go to its dead-letter
 * topic and are reported as {@code partial_success.rejected_spans}; other spans are counted and dropped.
 * The answer is sent only after the broker acknowledged every record of the export.
 */
public final class OtlpReceiver implements AutoCloseable {

    public static final String PATH = "/v1/traces";
    private static final Logger LOG = LoggerFactory.getLogger(OtlpReceiver.class);
    private static final int MAX_ERROR_REASONS = 5;

    private final OtlpSettings settings;
    private final Map<LogFormat, OtlpTraceParser> parsers = new EnumMap<>(LogFormat.class);
    private final SpanWriter writer;
    private final Semaphore permits;
    private final Map<String, Counter> spans;
    private final MeterRegistry meters;
    private Javalin app;

    private OtlpReceiver(OtlpSettings settings, SpanWriter writer, MeterRegistry meters) {
        this.settings = settings;
        this.writer = writer;
        this.meters = meters;
        this.permits = new Semaphore(settings.maxConcurrent());
        for (LogFormat format : List.of(LogFormat.OTLP_PROTO, LogFormat.OTLP_JSON)) {
            parsers.put(format, new OtlpTraceParser(format, settings.versionRule(), settings.maxBodyBytes(), Clock.systemUTC()));
        }
        this.spans = Map.of(
                "accepted", spanCounter(meters, "accepted"),
                "rejected", spanCounter(meters, "rejected"),
                "ignored", spanCounter(meters, "ignored"));
    }

    /** Starts listening on {@code settings.host():settings.port()} (port 0 picks one). */
    public static OtlpReceiver start(OtlpSettings settings, Map<String, Object> clientConfig, String topic, String deadLetterTopic,
                                     Serializer<Interaction> serializer, MeterRegistry meters) {
        OtlpReceiver receiver = new OtlpReceiver(settings, new SpanWriter(clientConfig, topic, deadLetterTopic, serializer), meters);
        try {
            receiver.app = Javalin.create(config -> {
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                config.http.maxRequestSize = settings.maxBodyBytes();
                config.startup.showJavalinBanner = false;
                config.routes.post(PATH, receiver::export);
            }).start();
        } catch (RuntimeException e) {
            receiver.writer.close();
            throw new IllegalArgumentException("cannot start the OTLP receiver on " + settings.host() + ":" + settings.port()
                    + " (in use? set monitor.otlp.port): " + e.getMessage(), e);
        }
        LOG.info("OTLP/HTTP receiver on http://{}:{}{}", settings.host(), receiver.app.port(), PATH);
        return receiver;
    }

    public int port() {
        return app.port();
    }

    private void export(Context ctx) throws InterruptedException {
        LogFormat answerFormat = LogFormat.OTLP_PROTO;
        try {
            authorize(ctx.header("Authorization"));
            answerFormat = OtlpRequestBody.format(ctx.contentType());
            if (ctx.contentLength() > settings.maxBodyBytes()) {
                OversizedBodies.drain(ctx);
                throw new OtlpHttpException(413, "body larger than " + settings.maxBodyBytes() + " bytes");
            }
            if (!permits.tryAcquire()) {
                throw new OtlpHttpException(429, "too many exports in flight (" + settings.maxConcurrent() + "); retry later");
            }
            try {
                answer(ctx, 200, answerFormat, exportPermitted(ctx, answerFormat));
            } finally {
                permits.release();
            }
        } catch (OtlpHttpException e) {
            fail(ctx, answerFormat, e.status(), e.getMessage());
        } catch (HttpResponseException e) {
            // Jetty's own size limit on a body without a Content-Length.
            fail(ctx, answerFormat, e.getStatus(), e.getMessage());
        }
    }

    private byte[] exportPermitted(Context ctx, LogFormat format) throws InterruptedException {
        byte[] raw = OtlpRequestBody.decode(ctx.bodyAsBytes(), ctx.header("Content-Encoding"), settings.maxBodyBytes());
        OtlpTraceParser parser = parsers.get(format);
        ExportTraceServiceRequest request;
        try {
            request = parser.decode(raw);
        } catch (InvalidRecordException e) {
            throw new OtlpHttpException(400, e.getMessage());
        }
        String requestId = UUID.randomUUID().toString();
        List<ParseOutcome> outcomes = parser.read(request, new SourceLocation.HttpRequest(requestId, 0));
        List<Interaction> accepted = new ArrayList<>();
        List<SpanWriter.DeadLetter> rejected = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        long ignored = 0;
        int index = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    ParseOutcome outcome = outcomes.get(index);
                    if (outcome instanceof ParseOutcome.Accepted a) {
                        accepted.add(a.interaction());
                    } else if (outcome instanceof ParseOutcome.Rejected r) {
                        rejected.add(new SpanWriter.DeadLetter(oneSpan(resourceSpans, scopeSpans, span), LogFormat.OTLP_PROTO.id(),
                                r.reason(), r.location().describe(), index));
                        if (reasons.size() < MAX_ERROR_REASONS) {
                            reasons.add(r.message());
                        }
                    } else {
                        ignored++;
                    }
                    index++;
                }
            }
        }
        try {
            writer.write(accepted, rejected, settings.ackTimeout());
        } catch (TimeoutException e) {
            throw new OtlpHttpException(503, "the broker did not acknowledge within " + settings.ackTimeout() + "; retry later");
        } catch (KafkaException e) {
            LOG.warn("OTLP export {} not stored: {}", requestId, e.getMessage());
            throw new OtlpHttpException(503, "could not store the spans (" + e.getMessage() + "); retry later");
        }
        spans.get("accepted").increment(accepted.size());
        spans.get("rejected").increment(rejected.size());
        spans.get("ignored").increment(ignored);
        String message = rejected.isEmpty() ? "" : rejected.size() + " span(s) sent to the dead-letter topic: " + String.join("; ", reasons);
        return OtlpResponses.success(format, rejected.size(), message);
    }

    /** The rejected span with its resource and scope, as a one-span export that can be sent again. */
    private static byte[] oneSpan(ResourceSpans resourceSpans, ScopeSpans scopeSpans, Span span) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder(resourceSpans).clearScopeSpans()
                        .addScopeSpans(ScopeSpans.newBuilder(scopeSpans).clearSpans().addSpans(span)))
                .build().toByteArray();
    }

    private void authorize(String authorization) {
        if (settings.bearerToken().isEmpty()) {
            return;
        }
        byte[] expected = ("Bearer " + settings.bearerToken()).getBytes(StandardCharsets.UTF_8);
        byte[] given = authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new OtlpHttpException(401, "missing or wrong bearer token");
        }
    }

    private void fail(Context ctx, LogFormat format, int status, String message) {
        if (status == 429) {
            ctx.header("Retry-After", "1");
        } else if (status == 503) {
            ctx.header("Retry-After", "5");
        }
        answer(ctx, status, format, OtlpResponses.status(format, status, message));
    }

    private void answer(Context ctx, int status, LogFormat format, byte[] body) {
        meters.counter("alignment_monitor_otlp_exports", "status", Integer.toString(status)).increment();
        ctx.status(status).contentType(OtlpResponses.contentType(format)).result(body);
    }

    private static Counter spanCounter(MeterRegistry meters, String outcome) {
        return Counter.builder("alignment_monitor_otlp_spans")
                .description("Spans received over OTLP/HTTP, by what became of them")
                .tag("outcome", outcome)
                .register(meters);
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        writer.close();
    }
}
