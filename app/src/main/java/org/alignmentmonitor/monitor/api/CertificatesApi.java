package org.alignmentmonitor.monitor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.monitor.certificates.CertificateHtml;
import org.alignmentmonitor.monitor.certificates.CertificateIssuer;
import org.alignmentmonitor.monitor.certificates.CertificateRequest;
import org.alignmentmonitor.monitor.certificates.Method;
import org.alignmentmonitor.monitor.certificates.RateCertificate;
import org.alignmentmonitor.streams.query.StatsStores;
import org.alignmentmonitor.streams.rates.EstimatorInputs;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code POST /api/v1/certificates} issues a certificate for a window of one version (answered by the
 * instance holding that version's statistics); {@code GET /api/v1/certificates} lists the issued
 * ones, {@code GET /api/v1/certificates/{id}} returns one (JSON, or a printable page with
 * {@code ?format=html}), {@code GET /api/v1/certificates/public-key} the key they are signed with.
 */
public final class CertificatesApi {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PUBLIC_KEY = "public-key";

    private final StatsStores stores;
    private final HostInfo self;
    private final CertificateIssuer issuer;

    public CertificatesApi(StatsStores stores, HostInfo self, CertificateIssuer issuer) {
        this.stores = stores;
        this.self = self;
        this.issuer = issuer;
    }

    public void register(JavalinConfig config) {
        config.routes.post("/api/v1/certificates", this::issue);
        config.routes.get("/api/v1/certificates", this::list);
        config.routes.get("/api/v1/certificates/{id}", this::one);
    }

    void issue(Context ctx) {
        CertificateRequest request = request(ctx.body());
        if (self != null) {
            KeyQueryMetadata owner = stores.owner(request.model(), request.version());
            if (owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                throw new PeerClient.PeerUnavailableException("statistics are being rebalanced; retry shortly");
            }
            if (!owner.activeHost().equals(self)) {
                ctx.status(HttpStatus.CONFLICT).json(Map.of("error", "ask the instance holding this version's statistics",
                        "instance", owner.activeHost().host() + ":" + owner.activeHost().port()));
                return;
            }
        }
        StatsStores.WindowAnswer answer = stores.localWindow(request.model(), request.version(), request.from(), request.to());
        BucketStats stats = answer.merged().orElseGet(() ->
                BucketStatsMath.empty(new BucketKey(request.model(), request.version(), Math.max(0, answer.from())), 0));
        RateCertificate figures = new RateCertificate(request, answer.from(), answer.to(),
                new RateCertificate.Counts(stats.getInteractions(), stats.getFlagged(), stats.getMisaligned(),
                        stats.getAligned(), stats.getAmbiguous()),
                List.copyOf(stats.getClassifierConfigVersions()),
                Estimator.estimate(EstimatorInputs.stateOf(stats), EstimationOptions.withAlpha(request.alpha())),
                issuer.provenance());
        ObjectNode sealed = issuer.issue(figures);
        ctx.status(HttpStatus.CREATED).header("Location", "/api/v1/certificates/" + sealed.path("certificate").path("id").asText())
                .json(sealed);
    }

    void list(Context ctx) throws JsonProcessingException {
        List<JsonNode> summaries = new ArrayList<>();
        for (String doc : issuer.all().values()) {
            JsonNode c = MAPPER.readTree(doc).path("certificate");
            ObjectNode s = MAPPER.createObjectNode();
            for (String field : List.of("id", "type", "issuedAt", "subject", "claim", "decision")) {
                s.set(field, c.path(field));
            }
            summaries.add(s);
        }
        ctx.json(Map.of("certificates", summaries));
    }

    void one(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.equals(PUBLIC_KEY)) {
            ctx.json(Map.of("algorithm", "Ed25519", "publicKey", issuer.key().publicKeyBase64(), "pem", issuer.key().publicKeyPem()));
            return;
        }
        QueryParams.requiredName("id", id);
        JsonNode doc = issuer.find(id).orElse(null);
        if (doc == null) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no certificate " + id));
        } else if ("html".equals(ctx.queryParam("format"))) {
            ctx.html(CertificateHtml.render(doc));
        } else {
            ctx.json(doc);
        }
    }

    /** The JSON body: model, version, from, to (ISO-8601 or epoch ms), bound, alpha, mode, method. */
    static CertificateRequest request(String body) {
        JsonNode b;
        try {
            b = MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body must be a JSON object: " + e.getOriginalMessage());
        }
        if (!b.isObject()) {
            throw new BadRequestException("the body must be a JSON object");
        }
        String model = QueryParams.requiredName("model", text(b, "model"));
        String version = QueryParams.requiredName("version", text(b, "version"));
        long from = QueryParams.instant("from", text(b, "from"), 0L);
        long to = QueryParams.instant("to", text(b, "to"), System.currentTimeMillis());
        double bound = number(b, "bound", Double.NaN);
        double alpha = number(b, "alpha", 0.05);
        try {
            Method.Mode mode = Method.Mode.parse(b.path("mode").asText("fixed"));
            Method method = b.hasNonNull("method") ? Method.parse(b.get("method").asText()) : mode.defaultMethod();
            if (method.mode() != mode) {
                throw new BadRequestException("method " + method.id() + " is not valid for mode " + mode.id()
                        + ": a fixed window uses ppi-corrected or clopper-pearson, a continuously watched one confidence-sequence");
            }
            return new CertificateRequest(model, version, from, to, bound, alpha, method);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static double number(JsonNode b, String field, double fallback) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            if (Double.isNaN(fallback)) {
                throw new BadRequestException("'" + field + "' is required");
            }
            return fallback;
        }
        if (!v.isNumber()) {
            throw new BadRequestException("'" + field + "' must be a number");
        }
        return v.asDouble();
    }
}
