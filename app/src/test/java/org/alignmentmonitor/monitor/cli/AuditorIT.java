package org.alignmentmonitor.monitor.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.Message;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.access.AccessPolicy;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.access.Role;
import org.alignmentmonitor.monitor.access.UserDirectory;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.TopicScan;
import org.alignmentmonitor.review.sampling.InclusionHash;
import org.alignmentmonitor.schemas.AvroTrust;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * One monitor with auth on, on the in-process broker: the role matrix over every route the server registers, the
 * audit trail of labels given in the review UI, and an export from which {@code ./monitor estimate} and the Python
 * recompute reproduce {@code /api/v1/rates}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditorIT {

    private static final String MODEL = "acme";
    private static final String VERSION = "v1";
    private static final String SALT = "auditor-it-salt";
    private static final String PROCESS = "audit-rl-run";
    private static final int INTERACTIONS = 60;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    @TempDir
    static Path dir;

    static MonitorRuntime runtime;
    static String base;
    static final long FROM = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
    static final long TO = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();

    @BeforeAll
    static void start() throws Exception {
        AvroTrust.install();
        StringBuilder users = new StringBuilder();
        for (Role role : Role.values()) {
            TOKENS.put(role, UserDirectory.newToken());
            users.append("u-").append(role.configName()).append(" = ").append(role.configName()).append(':')
                    .append(UserDirectory.sha256Hex(TOKENS.get(role))).append('\n');
        }
        Path usersFile = Files.writeString(dir.resolve("users.properties"), users);
        Map<String, String> settings = Map.of("monitor.data.dir", dir.resolve("data").toString(), "monitor.http.port", "0",
                "monitor.streams.commit.interval", "200ms", "monitor.flush.interval", "200ms",
                "monitor.auth.users.file", usersFile.toString(), "monitor.sampling.salt", SALT,
                "monitor.sampling.first.probability", "0.5", "monitor.review.gold.rate", "0", "monitor.review.double.fraction", "0");
        runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of())).startProcessing(ClassifierSuite.defaults());
        base = "http://127.0.0.1:" + runtime.api().port();
        var topic = runtime.topics().interactions();
        try (KafkaProducer<String, Interaction> producer = new KafkaProducer<>(new HashMap<>(runtime.clientConfig()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < INTERACTIONS; i++) {
                String id = "audit-" + i;
                Interaction interaction = Interaction.newBuilder().setId(id).setEventTime(Instant.ofEpochMilli(now - i * 1000L))
                        .setModel(MODEL).setVersion(VERSION).setTrainingProcessId(PROCESS).setDeployment(i % 2 == 0 ? "env-a" : "env-b")
                        .setConversation(List.of(Message.newBuilder().setRole("user").setContent("Name a colour, please.").build()))
                        .setCompletion(i % 4 == 0 ? "" : "Blue is a colour of the sky on a clear day.").build();
                producer.send(new ProducerRecord<>(topic.name(), id, interaction)).get();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void shouldGiveEveryRegisteredRouteARuleAndEnforceItForEveryRole() throws Exception {
        List<AccessPolicy.Route> routes = runtime.api().routes();
        assertThat(routes).extracting(AccessPolicy.Route::path).contains("/api/v1/rates", "/metrics", "/review", "/api/v1/export", "/api/v1/audit");
        assertThat(routes).as("routes without an access rule in AccessPolicy").allMatch(r -> AccessPolicy.rule(r.method(), r.path()).isPresent());
        List<String> failures = new ArrayList<>();
        for (AccessPolicy.Route route : routes) {
            AccessPolicy.Rule rule = AccessPolicy.rule(route.method(), route.path()).orElseThrow();
            if (rule.open()) {
                HttpResponse<String> r = call(route, null);
                if (r.statusCode() == 403 || r.headers().firstValue("WWW-Authenticate").isPresent()) {
                    failures.add(route + " is open but refused a caller without a token: " + r.statusCode());
                }
                continue;
            }
            int anonymous = call(route, null).statusCode();
            if (anonymous != 401) {
                failures.add(route + " without a token: " + anonymous);
            }
            for (Role role : Role.values()) {
                int status = call(route, TOKENS.get(role)).statusCode();
                boolean allowed = rule.allows(role);
                if (allowed && (status == 401 || status == 403) || !allowed && status != 403) {
                    failures.add(route + " as " + role.configName() + " (allowed: " + allowed + "): " + status);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(2)
    void shouldRecordLabelsAndCorrectionsGivenInTheReviewUiOnTheAuditTrail() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/review/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(TOKENS.get(Role.LABELLER), StandardCharsets.UTF_8))));
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = await().atMost(Duration.ofSeconds(60)).until(() -> csrf(cookie), c -> c != null);
        String item = await().atMost(Duration.ofSeconds(60)).until(() -> {
            String location = post(cookie, "/review/next", "csrf=" + csrf).headers().firstValue("Location").orElse("");
            return location.startsWith("/review/item/") ? location.substring("/review/item/".length()) : null;
        }, id -> id != null);
        assertThat(post(cookie, "/review/item/" + item + "/label", "csrf=" + csrf + "&label=MISALIGNED").statusCode()).isEqualTo(303);
        assertThat(post(cookie, "/review/item/" + item + "/label", "csrf=" + csrf + "&label=ALIGNED").statusCode()).isEqualTo(303);

        JsonNode labelled = auditEvents("actor=u-labeller&kind=LABELLED");
        JsonNode corrected = auditEvents("actor=u-labeller&kind=CORRECTED");
        assertThat(labelled).hasSize(1);
        assertThat(labelled.get(0).path("subject").asText()).isEqualTo(item);
        assertThat(labelled.get(0).path("role").asText()).isEqualTo("labeller");
        assertThat(labelled.get(0).path("detail").path("label").asText()).isEqualTo("MISALIGNED");
        assertThat(corrected).hasSize(1);
        assertThat(corrected.get(0).path("detail").path("label").asText()).isEqualTo("ALIGNED");
        // Recorded in the background at start (it waits out a registry outage), so wait for it.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(auditEvents("kind=CONFIG_CHANGED")).extracting(e -> e.path("subject").asText()).contains("access", "sampling", "review"));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/audit?kind=nonsense"))
                .header("Authorization", "Bearer " + TOKENS.get(Role.AUDITOR)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(3)
    void shouldReproduceTheApiFiguresFromTheExportWithEstimateAndPython() throws Exception {
        List<ReviewTask> tasks = labelEveryTask();
        String window = "model=" + MODEL + "&version=" + VERSION + "&from=" + FROM + "&to=" + TO;
        JsonNode rates = await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(get("/api/v1/rates?" + window, Role.AUDITOR).body()),
                r -> r.path("labelled").asLong() == tasks.size() && r.path("interactions").asLong() == INTERACTIONS);
        JsonNode api = rates.path("estimates");

        Path export = dir.resolve("export");
        Path token = Files.writeString(dir.resolve("auditor.token"), TOKENS.get(Role.AUDITOR));
        assertThat(run("export", "--url", base, "--token-file", token.toString(), "--model", MODEL, "--version", VERSION,
                "--from", String.valueOf(FROM), "--to", String.valueOf(TO), "--out", export.toString()).code).isZero();
        JsonNode report = JSON.readTree(run("estimate", "--export", export.toString(), "--json").out);
        assertThat(report.path("interactions").asLong()).isEqualTo(INTERACTIONS);
        assertThat(report.path("classifier_only").path("estimate").asDouble())
                .isCloseTo(api.path("classifierOnly").path("meanScore").asDouble(), within(1e-9));
        for (String[] bound : new String[][] {{"low", "y_low"}, {"high", "y_high"}}) {
            JsonNode a = api.path(bound[0]);
            assertThat(report.path("labels_only").path(bound[1]).path("estimate").asDouble()).isCloseTo(a.path("lam0").path("estimate").asDouble(), within(1e-9));
            for (String field : List.of("estimate", "lower", "upper", "se")) {
                assertThat(report.path("ppi").path(bound[1]).path(field).asDouble()).as(bound[0] + " ppi " + field)
                        .isCloseTo(a.path("ppi").path(field).asDouble(), within(1e-9));
            }
            assertThat(report.path("lambda").path(bound[1]).asDouble()).isCloseTo(a.path("ppi").path("lam").asDouble(), within(1e-9));
            assertThat(report.path("confidence_sequence").path(bound[1]).path("lower").asDouble())
                    .isCloseTo(a.path("confidenceSequence").path("lower").asDouble(), within(1e-9));
            assertThat(report.path("confidence_sequence").path(bound[1]).path("upper").asDouble())
                    .isCloseTo(a.path("confidenceSequence").path("upper").asDouble(), within(1e-9));
            assertThat(report.path("zero_failure_bound").path(bound[1]).asDouble()).isCloseTo(a.path("zeroFailureBound").asDouble(), within(1e-9));
        }

        JsonNode py = python(export);
        assertThat(py.path("classifierMeanScore").asDouble()).isCloseTo(api.path("classifierOnly").path("meanScore").asDouble(), within(1e-9));
        for (String b : List.of("low", "high")) {
            assertThat(py.path(b).path("ipw").asDouble()).isCloseTo(api.path(b).path("lam0").path("estimate").asDouble(), within(1e-9));
            for (String field : List.of("estimate", "lower", "upper", "se")) {
                assertThat(py.path(b).path(field).asDouble()).as("python " + b + " " + field)
                        .isCloseTo(api.path(b).path("ppi").path(field).asDouble(), within(1e-9));
            }
            assertThat(py.path(b).path("lambda").asDouble()).isCloseTo(api.path(b).path("ppi").path("lam").asDouble(), within(1e-9));
        }
    }

    @Test
    @Order(4)
    void shouldReproduceEveryFigureOfACertificateFromTheExportWithEstimateAndPython() throws Exception {
        Path export = dir.resolve("export");
        JsonNode report = JSON.readTree(run("estimate", "--export", export.toString(), "--json").out);
        JsonNode py = python(export);
        for (String method : List.of("ppi-corrected", "clopper-pearson")) {
            HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/certificates"))
                    .header("Authorization", "Bearer " + TOKENS.get(Role.AUDITOR)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL + "\",\"version\":\"" + VERSION + "\",\"from\":" + FROM
                            + ",\"to\":" + TO + ",\"bound\":0.5,\"alpha\":0.05,\"method\":\"" + method + "\"}")));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            JsonNode c = JSON.readTree(issued.body()).path("certificate");
            JsonNode counts = c.path("rate").path("counts");
            assertThat(counts.path("interactions").asLong()).isEqualTo(report.path("interactions").asLong()).isEqualTo(py.path("interactions").asLong());
            assertThat(counts.path("labelled").asLong()).isEqualTo(report.path("labelled").asLong()).isEqualTo(py.path("labelled").asLong());
            for (String field : List.of("flagged", "misaligned", "aligned", "ambiguous")) {
                assertThat(counts.path(field).asLong()).as(field).isPositive()
                        .isEqualTo(report.path("counts").path(field).asLong()).isEqualTo(py.path("counts").path(field).asLong());
            }
            for (String[] bound : new String[][] {{"low", "y_low"}, {"high", "y_high"}}) {
                JsonNode b = c.path("rate").path(bound[0]);
                JsonNode java = report.path("labels").path(bound[1]);
                String what = method + " " + bound[0];
                assertThat(b.path("labelled").asLong()).isEqualTo(java.path("labelled").asLong()).isEqualTo(py.path(bound[0]).path("labelled").asLong());
                assertThat(b.path("positives").asLong()).isEqualTo(java.path("positives").asLong()).isEqualTo(py.path(bound[0]).path("positives").asLong());
                boolean ppi = method.equals("ppi-corrected");
                double estimate = ppi ? report.path("ppi").path(bound[1]).path("estimate").asDouble()
                        : (double) java.path("positives").asLong() / java.path("labelled").asLong();
                double pyEstimate = ppi ? py.path(bound[0]).path("estimate").asDouble()
                        : py.path(bound[0]).path("positives").asDouble() / py.path(bound[0]).path("labelled").asDouble();
                assertThat(b.path("estimate").asDouble()).as(what + " estimate").isCloseTo(estimate, within(1e-9)).isCloseTo(pyEstimate, within(1e-9));
                JsonNode javaInterval = ppi ? report.path("ppi_corrected").path(bound[1]) : report.path("labels_only").path(bound[1]).path("clopper_pearson");
                JsonNode pyInterval = py.path(bound[0]).path(ppi ? "ppiCorrected" : "clopperPearson");
                for (String end : List.of("lower", "upper")) {
                    assertThat(b.path(end).asDouble()).as(what + " " + end)
                            .isCloseTo(javaInterval.path(end).asDouble(), within(1e-9)).isCloseTo(pyInterval.path(end).asDouble(), within(1e-9));
                }
                double effective = ppi ? java.path("effective_labels").asDouble() : java.path("labelled").asDouble();
                assertThat(b.path("effectiveLabels").asDouble()).as(what + " effective labels").isCloseTo(effective, within(1e-9));
                if (ppi) {
                    assertThat(b.path("effectiveLabels").asDouble()).isCloseTo(pyInterval.path("effectiveLabels").asDouble(), within(1e-9));
                }
                assertThat(b.path("decision").asText()).isEqualTo(b.path("upper").asDouble() < 0.5 ? "certified"
                        : b.path("estimate").asDouble() >= 0.5 ? "not certified" : "not enough labels");
            }
        }
    }

    @Test
    @Order(5)
    void shouldIssueAndVerifyAProcessCertificateFromTheScorecardAndDetectAChangedRun() throws Exception {
        JsonNode scorecard = JSON.readTree(get("/api/v1/processes/" + PROCESS + "?threshold=0.05&minLabels=3", Role.AUDITOR).body());
        assertThat(scorecard.path("runs")).hasSize(2);
        Path token = dir.resolve("auditor.token");
        Path file = dir.resolve("process-cert.json");
        Result certify = run("certify", "--url", base, "--token-file", token.toString(), "--process", PROCESS, "--threshold", "0.05",
                "--delta", "0.05", "--min-labels", "3", "--out", file.toString());
        assertThat(certify.code).as(certify.err).isZero();
        JsonNode doc = JSON.readTree(file.toFile());
        JsonNode c = doc.path("certificate");
        assertThat(c.path("type").asText()).isEqualTo("process");
        assertThat(c.path("subject").path("processId").asText()).isEqualTo(PROCESS);
        JsonNode body = c.path("process");
        assertThat(body.path("countedRuns").asLong()).isEqualTo(scorecard.path("draws").asLong());
        assertThat(body.path("failures").asLong()).isEqualTo(scorecard.path("failures").asLong());
        assertThat(body.path("exactBound").asDouble()).isCloseTo(scorecard.path("exactBound").asDouble(), within(1e-12));
        assertThat(body.path("environmentRuns")).extracting(r -> r.path("deployment").asText()).containsExactlyInAnyOrder("env-a", "env-b");
        assertThat(body.path("assumptions")).hasSameSizeAs(scorecard.path("assumptions"));
        // Two runs can never push the exact bound below 5%: certified is impossible; which refusal depends on the failures.
        assertThat(c.path("decision").asText()).isEqualTo(body.path("failures").asLong() * 20 >= body.path("countedRuns").asLong()
                && body.path("countedRuns").asLong() > 0 ? "not certified" : "not enough runs");
        assertThat(certify.out).contains(c.path("decision").asText());
        assertThat(Files.readString(dir.resolve("process-cert.html"))).contains("process " + PROCESS);

        Path key = Files.writeString(dir.resolve("monitor-public-key.pem"),
                JSON.readTree(get("/api/v1/certificates/public-key", Role.AUDITOR).body()).path("pem").asText());
        assertThat(run("verify-certificate", file.toString(), "--public-key", key.toString()).code).isZero();
        JsonNode listed = JSON.readTree(get("/api/v1/certificates", Role.AUDITOR).body()).path("certificates");
        assertThat(listed).anySatisfy(l -> assertThat(l.path("id").asText()).isEqualTo(c.path("id").asText()));
        assertThat(get("/api/v1/certificates/" + c.path("id").asText() + "?format=html", Role.AUDITOR).body()).contains("process " + PROCESS);

        String text = Files.readString(file);
        String changed = text.replaceFirst("\"env-a\"", "\"env-c\"");
        assertThat(changed).isNotEqualTo(text);
        Files.writeString(file, changed);
        Result tampered = run("verify-certificate", file.toString(), "--public-key", key.toString());
        assertThat(tampered.code).isEqualTo(1);
        assertThat(tampered.out + tampered.err).contains("certificate/process/environmentRuns/").contains("deployment differs");

        HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/certificates"))
                .header("Authorization", "Bearer " + TOKENS.get(Role.AUDITOR)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"process\",\"processId\":\"" + PROCESS + "\",\"threshold\":0}")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("threshold must be in (0, 1)");
    }

    @Test
    @Order(6)
    void shouldLetAnAuditorRederiveEverySamplingDecisionAndDetectAChangedFile() throws Exception {
        Path export = dir.resolve("export");
        JsonNode manifest = JSON.readTree(export.resolve("manifest.json").toFile());
        assertThat(manifest.path("samplingSaltSha256").asText()).isEqualTo(UserDirectory.sha256Hex(SALT));
        List<String> lines = Files.readAllLines(export.resolve("items.jsonl"));
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode item = JSON.readTree(line);
            assertThat(InclusionHash.uniform(SALT, item.path("interactionId").asText()))
                    .as(item.path("interactionId").asText()).isLessThan(item.path("inclusionProbability").asDouble());
            assertThat(item.path("history")).isNotEmpty();
        }
        assertThat(auditEvents("actor=u-auditor&kind=EXPORTED")).isNotEmpty();

        Path buckets = export.resolve("buckets.jsonl");
        byte[] bytes = Files.readAllBytes(buckets);
        bytes[bytes.length / 2] = (byte) (bytes[bytes.length / 2] == '1' ? '2' : '1');
        Files.write(buckets, bytes);
        Result tampered = run("estimate", "--export", export.toString(), "--json");
        assertThat(tampered.code).isEqualTo(2);
        assertThat(tampered.err).contains("buckets.jsonl does not match its SHA-256");
    }

    /** Runs the auditor's Python recompute (tools/recompute_export.py) on an export. */
    private static JsonNode python(Path export) throws Exception {
        Process python = new ProcessBuilder("python3", Path.of("../tools/recompute_export.py").toString(), export.toString())
                .redirectErrorStream(true).start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(printed).isZero();
        return JSON.readTree(printed);
    }

    /** Labels every review task of the window directly on the labels topic, as a bulk labeller would. */
    private static List<ReviewTask> labelEveryTask() throws Exception {
        List<ReviewTask> tasks = new ArrayList<>();
        TopicScan.readAll(runtime.clientConfig(), runtime.topics().reviewTasks(), tasks::add);
        assertThat(tasks).isNotEmpty();
        var topic = runtime.topics().labels();
        try (KafkaProducer<String, Label> producer = new KafkaProducer<>(new HashMap<>(runtime.clientConfig()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (ReviewTask t : tasks) {
                LabelValue value = t.getInteractionId().hashCode() % 3 == 0 ? LabelValue.AMBIGUOUS
                        : t.getFlagged() ? LabelValue.MISALIGNED : LabelValue.ALIGNED;
                Label label = Label.newBuilder().setTaskId(t.getTaskId()).setInteractionId(t.getInteractionId()).setModel(t.getModel())
                        .setVersion(t.getVersion()).setEventTime(t.getEventTime()).setLabeller("bulk").setLabel(value)
                        .setInclusionProbability(t.getInclusionProbability()).setLabelledAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(topic.name(), t.getInteractionId(), label)).get();
            }
        }
        return tasks;
    }

    private static JsonNode auditEvents(String query) throws Exception {
        HttpResponse<String> r = get("/api/v1/audit?" + query, Role.AUDITOR);
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("events");
    }

    private static String csrf(String cookie) throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/review")).header("Cookie", cookie).GET());
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        return m.find() ? m.group(1) : null;
    }

    private static HttpResponse<String> post(String cookie, String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> get(String pathAndQuery, Role role) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Authorization", "Bearer " + TOKENS.get(role)).GET());
    }

    /** One call of a route as registered: path parameters filled with harmless values, a small query for the API. */
    private static HttpResponse<String> call(AccessPolicy.Route route, String token) throws Exception {
        String path = route.path().replace("{id}", "audit-1").replace("{file}", "review.css")
                + "?model=" + MODEL + "&version=" + VERSION + "&from=" + FROM + "&to=" + TO;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(route.method(), route.method().equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            var cli = MonitorCli.commandLine();
            cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = cli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }
}
