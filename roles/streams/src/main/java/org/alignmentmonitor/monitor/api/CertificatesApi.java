package org.alignmentmonitor.monitor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
import org.alignmentmonitor.estimators.process.ScorecardPolicy;
import org.alignmentmonitor.monitor.certificates.CertificateHtml;
import org.alignmentmonitor.monitor.certificates.CertificateIssuer;
import org.alignmentmonitor.monitor.certificates.CertificateRequest;
import org.alignmentmonitor.monitor.certificates.Method;
import org.alignmentmonitor.monitor.certificates.ProcessCertificate;
import org.alignmentmonitor.monitor.certificates.RateCertificate;
import org.alignmentmonitor.streams.process.ProcessCellKey;
import org.alignmentmonitor.streams.query.ProcessStores;
import org.alignmentmonitor.streams.query.StatsStores;
import org.alignmentmonitor.streams.rates.EstimatorInputs;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code POST /api/v1/certificates} issues a certificate for a window of one version, or with
 * {@code "type": "process"} for a training process's scorecard (answered by the instance holding the
 * statistics); {@code GET /api/v1/certificates} lists the issued
 * ones, {@code GET /api/v1/certificates/{id}} returns one (JSON, or a printable page with
 * {@code ?format=html}), {@code GET /api/v1/certificates/public-key} the key they are signed with.
 */
public final class CertificatesApi {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PUBLIC_KEY = "public-key";

    private final StatsStores stores;
    private final ProcessStores processes;
    private final HostInfo self;
    private final CertificateIssuer issuer;

    public CertificatesApi(StatsStores stores, ProcessStores processes, HostInfo self, CertificateIssuer issuer) {
        this.stores = stores;
        this.processes = processes;
        this.self = self;
        this.issuer = issuer;
    }

    /** What a process certificate asks: the scorecard of {@code processId} under {@code policy}, runs' intervals at 1 - alpha. */
    record ProcessRequest(String processId, ScorecardPolicy policy, double alpha) {
    }

    public void register(JavalinConfig config) {
        config.routes.post("/api/v1/certificates", this::issue);
        config.routes.get("/api/v1/certificates", this::list);
        config.routes.get("/api/v1/certificates/{id}", this::one);
    }

    void issue(Context ctx) {
        JsonNode body = body(ctx.body());
        if (ProcessCertificate.TYPE.equals(body.path("type").asText())) {
            issueProcess(ctx, processRequest(body));
            return;
        }
        CertificateRequest request = request(body);
        if (self != null && !heldHere(ctx, stores.owner(request.model(), request.version()), "this version's statistics")) {
            return;
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
        created(ctx, issuer.issue(figures));
    }

    void issueProcess(Context ctx, ProcessRequest request) {
        if (self != null && !heldHere(ctx, processes.owner(request.processId()), "this process's statistics")) {
            return;
        }
        Map<ProcessCellKey, BucketStats> cells = processes.localCells(request.processId());
        if (cells.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no traffic names training process '" + request.processId() + "'"));
            return;
        }
        ProcessView view = ProcessView.of(request.processId(), cells, request.policy(), request.alpha());
        TreeSet<String> classifierVersions = new TreeSet<>();
        cells.values().forEach(c -> classifierVersions.addAll(c.getClassifierConfigVersions()));
        created(ctx, issuer.issue(new ProcessCertificate(view.scorecard(), request.alpha(), view.from(), view.to(),
                List.copyOf(classifierVersions), issuer.provenance())));
    }

    /** Whether this instance holds the statistics; if not, answers 409 naming the one that does. */
    private boolean heldHere(Context ctx, KeyQueryMetadata owner, String what) {
        if (owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new PeerClient.PeerUnavailableException("statistics are being rebalanced; retry shortly");
        }
        if (!owner.activeHost().equals(self)) {
            ctx.status(HttpStatus.CONFLICT).json(Map.of("error", "ask the instance holding " + what,
                    "instance", owner.activeHost().host() + ":" + owner.activeHost().port()));
            return false;
        }
        return true;
    }

    private static void created(Context ctx, ObjectNode sealed) {
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

    static JsonNode body(String body) {
        JsonNode b;
        try {
            b = MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body must be a JSON object: " + e.getOriginalMessage());
        }
        if (!b.isObject()) {
            throw new BadRequestException("the body must be a JSON object");
        }
        String type = b.path("type").asText("rate");
        if (!type.equals("rate") && !type.equals(ProcessCertificate.TYPE)) {
            throw new BadRequestException("type must be rate or process, got '" + type + "'");
        }
        return b;
    }

    static CertificateRequest request(String body) {
        return request(body(body));
    }

    /** A process certificate's body: type "process", processId, threshold, delta, minLabels, alpha (scorecard defaults). */
    static ProcessRequest processRequest(JsonNode b) {
        if (!b.hasNonNull("processId")) {
            throw new BadRequestException("'processId' is required");
        }
        String processId = ProcessApi.processId(text(b, "processId"));
        double threshold = number(b, "threshold", ScorecardPolicy.DEFAULT.threshold());
        double delta = number(b, "delta", ScorecardPolicy.DEFAULT.delta());
        double minLabels = number(b, "minLabels", ScorecardPolicy.DEFAULT.minLabels());
        double alpha = number(b, "alpha", 0.05);
        if (!(threshold > 0 && threshold < 1)) {
            throw new BadRequestException("threshold must be in (0, 1), got " + threshold);
        }
        if (!(delta > 0 && delta <= 0.5) || !(alpha > 0 && alpha <= 0.5)) {
            throw new BadRequestException("delta and alpha must be in (0, 0.5], got " + delta + " and " + alpha);
        }
        if (minLabels != Math.rint(minLabels) || minLabels < 1 || minLabels > 1_000_000) {
            throw new BadRequestException("minLabels must be a whole number in [1, 1000000], got " + minLabels);
        }
        return new ProcessRequest(processId, new ScorecardPolicy(threshold, delta, (long) minLabels), alpha);
    }

    /** A rate certificate's body: model, version, from, to (ISO-8601 or epoch ms), bound, alpha, mode, method. */
    static CertificateRequest request(JsonNode b) {
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
