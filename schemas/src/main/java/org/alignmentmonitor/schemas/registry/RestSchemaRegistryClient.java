package org.alignmentmonitor.schemas.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to a schema registry over the Confluent REST API v1. Sticks to the subset that Confluent
 * Schema Registry, Redpanda, Apicurio (ccompat) and Karapace all serve, and reads answers leniently
 * (unknown fields are ignored) so minor differences between them do not matter.
 *
 * <p>Ids and schemas never change once assigned, so both directions are cached: a serializer
 * registers once per subject and schema, a deserializer fetches each writer schema once.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_CHARS = 300;

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final Optional<String> authorization;
    /** Index of the URL that answered last: failover moves on from there, so a dead URL costs one attempt. */
    private final AtomicInteger preferredUrl = new AtomicInteger();
    private final BoundedCache<String, BoundedCache<Schema, Integer>> idsBySubject;
    private final BoundedCache<Integer, Schema> schemasById;

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        this.authorization = config.credentials().authorizationHeader();
        this.idsBySubject = new BoundedCache<>(config.cacheCapacity());
        this.schemasById = new BoundedCache<>(config.cacheCapacity());
        HttpClient.Builder builder = HttpClient.newBuilder()
                // Plain HTTP/1.1: some registries' servers mishandle the h2c upgrade the JDK would attempt.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout());
        if (config.urls().stream().anyMatch(u -> u.getScheme().equalsIgnoreCase("https"))) {
            builder.sslContext(TlsContextFactory.create(config.tls()));
        } else if (config.tls().isConfigured()) {
            LOG.warn("Schema registry TLS stores are configured but no URL in {} uses https", config.urls());
        }
        if (config.credentials() instanceof RegistryClientConfig.BasicCredentials
                && config.urls().stream().anyMatch(u -> u.getScheme().equalsIgnoreCase("http"))) {
            LOG.warn("Schema registry basic-auth credentials will be sent over plain http to {}", config.urls());
        }
        this.http = builder.build();
    }

    @Override
    public int register(String subject, Schema schema) {
        BoundedCache<Schema, Integer> ids = idsBySubject.get(subject);
        Integer cached = ids == null ? null : ids.get(schema);
        if (cached != null) {
            return cached;
        }
        // schemaType is left out: AVRO is the default and older registries reject the field.
        JsonNode answer = send("POST", subjectPath(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt(-1);
        if (id < 1) {
            throw unexpected("registering under subject '" + subject + "'", answer);
        }
        if (ids == null) {
            ids = new BoundedCache<>(config.cacheCapacity());
            idsBySubject.put(subject, ids);
        }
        ids.put(schema, id);
        schemasById.put(id, schema);
        LOG.info("Schema {} registered under subject '{}' with id {}", schema.getFullName(), subject, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parseSchema(answer, "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility" + subjectPath(subject) + "/versions/latest", schemaBody(schema));
            JsonNode verdict = answer.path("is_compatible");
            if (!verdict.isBoolean()) {
                throw unexpected("checking compatibility with subject '" + subject + "'", answer);
            }
            return verdict.asBoolean();
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null);
        List<String> subjects = new ArrayList<>();
        for (JsonNode subject : requireArray(answer, "listing subjects")) {
            subjects.add(subject.asText());
        }
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        JsonNode answer = send("GET", subjectPath(subject) + "/versions", null);
        List<Integer> versions = new ArrayList<>();
        for (JsonNode version : requireArray(answer, "listing versions of subject '" + subject + "'")) {
            versions.add(version.asInt());
        }
        return versions;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = send("GET", subjectPath(subject) + "/versions/latest", null);
        Schema schema = parseSchema(answer, "latest version of subject '" + subject + "'");
        int version = answer.path("version").asInt(-1);
        int id = answer.path("id").asInt(-1);
        if (version < 1 || id < 1) {
            throw unexpected("reading the latest version of subject '" + subject + "'", answer);
        }
        schemasById.put(id, schema);
        return new RegisteredSchema(answer.path("subject").asText(subject), version, id, schema);
    }

    /** Subjects often contain characters such as ':' or '/' (RecordNameStrategy, Apicurio groups). */
    private static String subjectPath(String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static Schema parseSchema(JsonNode answer, String what) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw new SchemaRegistryException("the registry holds a " + type + " schema for " + what + ", not an Avro one", null);
        }
        JsonNode text = answer.path("schema");
        if (!text.isTextual()) {
            throw unexpected("reading " + what, answer);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("the registry returned an Avro schema for " + what + " that does not parse: " + e.getMessage(), e);
        }
    }

    private static JsonNode requireArray(JsonNode answer, String what) {
        if (!answer.isArray()) {
            throw unexpected(what, answer);
        }
        return answer;
    }

    private static SchemaRegistryException unexpected(String what, JsonNode answer) {
        return new SchemaRegistryException("unexpected answer from the registry when " + what + ": " + abbreviate(answer.toString()), null);
    }

    /** Sends to the preferred URL, moving on to the next ones only when a connection cannot be made. */
    private JsonNode send(String method, String path, String body) {
        List<URI> urls = config.urls();
        int first = preferredUrl.get();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = (first + attempt) % urls.size();
            URI url = urls.get(index);
            try {
                HttpResponse<String> response = http.send(request(url, method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                preferredUrl.set(index);
                return parse(response, method, url, path);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                LOG.warn("Schema registry {} is unreachable ({}){}", url, describe(e), attempt + 1 < urls.size() ? ", trying the next URL" : "");
                lastFailure = e;
            } catch (HttpTimeoutException e) {
                throw new SchemaRegistryException("no answer from the schema registry at " + url + " to " + method + " " + path
                        + " within " + config.requestTimeout().toMillis() + " ms", e);
            } catch (IOException e) {
                throw new SchemaRegistryException(method + " " + url + path + " failed: " + describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry at " + url, e);
            }
        }
        throw new SchemaRegistryException("cannot reach any schema registry at " + urls + ": " + describe(lastFailure), lastFailure);
    }

    private HttpRequest request(URI base, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(stripTrailingSlash(base.toString()) + path))
                .timeout(config.requestTimeout())
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private static JsonNode parse(HttpResponse<String> response, String method, URI url, String path) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (status >= 200 && status < 300) {
            if (json == null) {
                throw new SchemaRegistryException(status, status, method + " " + url + path + " answered " + status
                        + " with a body that is not JSON: " + abbreviate(response.body()));
            }
            return json;
        }
        // Proxies and gateways answer with HTML or plain text: keep whatever they said.
        int errorCode = json != null && json.path("error_code").canConvertToInt() ? json.path("error_code").asInt() : status;
        String message = json != null && json.path("message").isTextual() ? json.path("message").asText()
                : response.body().isBlank() ? "HTTP " + status : abbreviate(response.body());
        throw new SchemaRegistryException(status, errorCode, method + " " + path + " -> " + message);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_ERROR_BODY_CHARS ? oneLine : oneLine.substring(0, MAX_ERROR_BODY_CHARS) + "...";
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no URL tried";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + config.urls();
    }
}
