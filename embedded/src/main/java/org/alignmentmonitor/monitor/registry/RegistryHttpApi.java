package org.alignmentmonitor.monitor.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.security.BasicAuthCredentials;
import org.alignmentmonitor.schemas.registry.CompatibilityLevel;
import org.alignmentmonitor.schemas.registry.RegisteredSchema;
import org.alignmentmonitor.schemas.registry.SchemaRegistryException;
import org.alignmentmonitor.schemas.registry.SchemaRepository;
import org.apache.avro.Schema;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST subset over a {@link SchemaRepository}. Every input is checked
 * and every refusal is a Confluent error body ({@code {"error_code": 40403, "message": "..."}}) with a
 * 4xx status; only a failing Kafka write is a 5xx.
 */
final class RegistryHttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpApi.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final long MAX_REQUEST_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Credentials a request must carry, if any. */
    record BasicAuth(String user, String password) {
        @Override
        public String toString() {
            return "BasicAuth[user=" + user + ", password=****]";
        }
    }

    private final SchemaRepository repository;
    private final Optional<BasicAuth> auth;

    RegistryHttpApi(SchemaRepository repository, Optional<BasicAuth> auth) {
        this.repository = repository;
        this.auth = auth;
    }

    Javalin create() {
        return Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = MAX_REQUEST_BYTES;
        config.http.defaultContentType = CONTENT_TYPE;
        // A registry sees a handful of requests per client start-up: a small pool is plenty.
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("schema-registry");
        config.jetty.threadPool = threads;
        var routes = config.routes;
        auth.ifPresent(required -> routes.before(ctx -> authenticate(ctx, required)));
        routes.get("/", ctx -> ok(ctx, Map.of()));
        routes.get("/schemas/types", ctx -> ok(ctx, List.of("AVRO")));
        routes.get("/subjects", ctx -> ok(ctx, repository.subjects()));
        routes.get("/subjects/{subject}/versions", ctx -> ok(ctx,
                repository.versions(subject(ctx)).stream().map(RegisteredSchema::version).toList()));
        routes.post("/subjects/{subject}/versions", this::register);
        routes.get("/subjects/{subject}/versions/{version}", ctx -> ok(ctx, describe(version(ctx, subject(ctx)))));
        routes.post("/subjects/{subject}", this::lookup);
        routes.get("/schemas/ids/{id}", this::schemaById);
        routes.get("/schemas/ids/{id}/versions", this::usages);
        routes.post("/compatibility/subjects/{subject}/versions/{version}", this::checkCompatibility);
        routes.get("/config", ctx -> ok(ctx, Map.of("compatibilityLevel", repository.globalCompatibility().name())));
        routes.put("/config", ctx -> setCompatibility(ctx, Optional.empty()));
        routes.get("/config/{subject}", ctx -> ok(ctx, Map.of("compatibilityLevel", repository.compatibility(subject(ctx)).name())));
        routes.put("/config/{subject}", ctx -> setCompatibility(ctx, Optional.of(subject(ctx))));
        routes.exception(SchemaRegistryException.class, (e, ctx) -> {
            if (e.httpStatus() >= 500) {
                LOG.error("Schema registry request {} {} failed", ctx.method(), ctx.path(), e);
            }
            error(ctx, e.httpStatus(), e.errorCode(), e.getMessage());
        });
        // Javalin's own refusals (unknown endpoint, body too large...), in the Confluent error shape.
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Schema registry request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, SchemaRegistryException.BACKEND_STORE_ERROR, "Internal error: " + e.getMessage());
        });
    }

    private void register(Context ctx) {
        String subject = subject(ctx);
        Schema schema = schemaFromBody(ctx);
        RegisteredSchema registered = repository.register(subject, schema);
        LOG.info("Subject '{}' version {} has schema id {} ({})", subject, registered.version(), registered.id(), schema.getFullName());
        ok(ctx, Map.of("id", registered.id()));
    }

    private void lookup(Context ctx) {
        String subject = subject(ctx);
        Schema schema = schemaFromBody(ctx);
        if (!repository.hasSubject(subject)) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        ok(ctx, describe(repository.lookup(subject, schema)
                .orElseThrow(() -> SchemaRegistryException.schemaNotFound("subject '" + subject + "' has no such schema"))));
    }

    private void schemaById(Context ctx) {
        int id = id(ctx);
        Schema schema = repository.schema(id).orElseThrow(() -> SchemaRegistryException.schemaNotFound("no schema with id " + id));
        ok(ctx, Map.of("schema", schema.toString()));
    }

    private void usages(Context ctx) {
        int id = id(ctx);
        List<RegisteredSchema> usages = repository.usages(id);
        if (usages.isEmpty()) {
            throw SchemaRegistryException.schemaNotFound("no schema with id " + id);
        }
        ok(ctx, usages.stream().map(u -> Map.of("subject", u.subject(), "version", u.version())).toList());
    }

    private void checkCompatibility(Context ctx) {
        String subject = subject(ctx);
        Schema schema = schemaFromBody(ctx);
        String version = ctx.pathParam("version");
        List<String> problems;
        if (isLatest(version)) {
            // As Confluent: nothing registered yet means nothing to break.
            problems = repository.incompatibilities(subject, schema);
        } else {
            problems = repository.incompatibilities(subject, schema, parseVersion(version));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("is_compatible", problems.isEmpty());
        if (Boolean.parseBoolean(ctx.queryParam("verbose"))) {
            answer.put("messages", problems);
        }
        ok(ctx, answer);
    }

    private void setCompatibility(Context ctx, Optional<String> subject) {
        JsonNode body = jsonBody(ctx);
        JsonNode level = body.path("compatibility");
        if (!level.isTextual()) {
            throw SchemaRegistryException.badRequest("Expected {\"compatibility\": \"BACKWARD|FORWARD|FULL|NONE|..._TRANSITIVE\"}");
        }
        CompatibilityLevel parsed = CompatibilityLevel.parse(level.asText());
        repository.setCompatibility(subject, parsed);
        LOG.info("Compatibility of {} set to {}", subject.map(s -> "subject '" + s + "'").orElse("the registry"), parsed);
        ok(ctx, Map.of("compatibility", parsed.name()));
    }

    private RegisteredSchema version(Context ctx, String subject) {
        String version = ctx.pathParam("version");
        return isLatest(version) ? repository.latest(subject) : repository.version(subject, parseVersion(version));
    }

    private static boolean isLatest(String version) {
        return version.equals("latest") || version.equals("-1");
    }

    private static int parseVersion(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    /** A numeric id; ids that can never exist (0, negative) are simply not found, as in Confluent's registry. */
    private static int id(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.badRequest("Invalid schema id '" + id + "': expected an integer");
        }
    }

    private static String subject(Context ctx) {
        return SchemaRepository.validSubject(ctx.pathParam("subject"));
    }

    /** The Avro schema of a {@code {"schema": "...", "schemaType": "AVRO"}} body. */
    private static Schema schemaFromBody(Context ctx) {
        JsonNode body = jsonBody(ctx);
        JsonNode text = body.path("schema");
        if (!text.isTextual() || text.asText().isBlank()) {
            throw SchemaRegistryException.badRequest("Expected {\"schema\": \"<Avro schema as a JSON string>\"}");
        }
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw SchemaRegistryException.invalidSchema("only AVRO schemas are supported, got schemaType " + type);
        }
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported; inline the referenced types");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            throw SchemaRegistryException.invalidSchema(e.getMessage());
        }
    }

    private static JsonNode jsonBody(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            throw SchemaRegistryException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw SchemaRegistryException.badRequest("Unreadable request body: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw SchemaRegistryException.badRequest("Expected a JSON object as the request body");
        }
        return body;
    }

    private static Map<String, Object> describe(RegisteredSchema registered) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subject", registered.subject());
        answer.put("version", registered.version());
        answer.put("id", registered.id());
        answer.put("schema", registered.schema().toString());
        return answer;
    }

    private static void authenticate(Context ctx, BasicAuth required) {
        BasicAuthCredentials given;
        try {
            given = ctx.basicAuthCredentials();
        } catch (RuntimeException e) {
            given = null; // a malformed header is no credential
        }
        boolean valid = given != null
                // Both compared, in constant time, so timing tells nothing about which one was wrong.
                & constantTimeEquals(given == null ? "" : given.getUsername(), required.user())
                & constantTimeEquals(given == null ? "" : given.getPassword(), required.password());
        if (!valid) {
            ctx.header("WWW-Authenticate", "Basic realm=\"schema-registry\"");
            throw new SchemaRegistryException(401, SchemaRegistryException.UNAUTHORIZED, "Unauthorized");
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void ok(Context ctx, Object body) {
        write(ctx, 200, body);
    }

    private static void error(Context ctx, int status, int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        write(ctx, status, body);
    }

    private static void write(Context ctx, int status, Object body) {
        try {
            // Bytes, not a String: JSON is UTF-8, but Jetty would pick ISO-8859-1 for this charset-less content type.
            ctx.status(status).contentType(CONTENT_TYPE).result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a registry answer", e);
        }
    }
}
