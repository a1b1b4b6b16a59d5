package org.alignmentmonitor.connectors.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.connectors.ingest.ParseOutcome;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.ingest.RecordParser;
import org.alignmentmonitor.connectors.ingest.SourceLocation;

/**
 * The shared frame of the JSON request/response log formats: size limit, JSON reading with a
 * located reason, and one Accepted or Rejected outcome per record. Subclasses only map a parsed tree.
 */
public abstract class JsonRecordParser implements RecordParser {

    public static final String ID_HASH_PREFIX = "sha256:";
    /** Metadata key holding the record's source address ({@link SourceLocation#describe()}). */
    public static final String META_SOURCE = "source";
    /** Metadata key set to {@code ingest} when the record had no time and the ingest time was used. */
    public static final String META_EVENT_TIME_SOURCE = "event_time_source";

    private static final int MAX_REASON_DETAIL = 200;
    private static final Pattern JACKSON_LOCATION = Pattern.compile("\\[Source: [^\\]]*; line: \\d+, column: (\\d+)\\]");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Sorted keys, no whitespace: the same record hashes the same however a shipper formats it. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    protected final ParserSettings settings;

    protected JsonRecordParser(ParserSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public final List<ParseOutcome> parse(byte[] raw, SourceLocation where) {
        if (raw.length > settings.maxRecordBytes()) {
            return List.of(new ParseOutcome.Rejected("record larger than " + settings.maxRecordBytes() + " bytes", where));
        }
        try {
            JsonNode root = readTree(raw);
            return List.of(new ParseOutcome.Accepted(toInteraction(root, where.describe()), where));
        } catch (InvalidRecordException e) {
            return List.of(new ParseOutcome.Rejected(e.getMessage(), where));
        }
    }

    /**
     * Maps one parsed record.
     *
     * @param source the record's address, kept in the {@link #META_SOURCE} metadata
     * @throws InvalidRecordException with the reason, when the record cannot become an Interaction
     */
    protected abstract Interaction toInteraction(JsonNode root, String source);

    static JsonNode readTree(byte[] raw) {
        try {
            return present(MAPPER.readTree(raw));
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("not JSON: " + describe(e));
        } catch (IOException e) {
            throw new InvalidRecordException("not JSON: " + e.getMessage());
        }
    }

    static JsonNode readTree(String text) {
        try {
            return present(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("not JSON: " + describe(e));
        }
    }

    /** Jackson reads empty input (a tombstone, a blank body) as a missing node, not an error. */
    private static JsonNode present(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new InvalidRecordException("empty record");
        }
        return root;
    }

    /** The record's own id when it has one, else a hash of its content, so a record shipped twice dedupes. */
    protected static String idOrContentHash(String ownId, JsonNode root) {
        if (ownId != null && !ownId.isEmpty()) {
            return ownId;
        }
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(root);
            return ID_HASH_PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a parsed JSON tree", e);
        }
    }

    /** String, number and boolean values of {@code metadata}; nested values are not flattened. */
    protected static Map<String, String> scalarMetadata(JsonNode metadata) {
        Map<String, String> values = new HashMap<>();
        if (metadata != null) {
            for (Map.Entry<String, JsonNode> field : metadata.properties()) {
                JsonNode value = field.getValue();
                if (value.isValueNode() && !value.isNull()) {
                    values.put(field.getKey(), value.asText());
                }
            }
        }
        return values;
    }

    /** {@code request.model}, else {@code response.model}: the string the version rule reads. */
    protected static String modelString(JsonNode request, JsonNode response) {
        String model = JsonFields.optionalText(request, "model", "request.model");
        if (model == null || model.isEmpty()) {
            model = JsonFields.optionalText(response, "model", "response.model");
        }
        if (model == null || model.isEmpty()) {
            throw new InvalidRecordException("missing request.model and response.model");
        }
        return model;
    }

    /**
     * The response's own time field when present, else the record's top-level {@code timestamp}, else
     * the ingest time, marked as such in the metadata.
     */
    protected Instant eventTime(JsonNode root, JsonNode response, String responseTimeField, Map<String, String> metadata) {
        JsonNode created = JsonFields.optional(response, responseTimeField);
        if (created != null) {
            return Instant.ofEpochMilli(EventTimes.toEpochMillis(created, "response." + responseTimeField));
        }
        JsonNode timestamp = JsonFields.optional(root, "timestamp");
        if (timestamp != null) {
            return Instant.ofEpochMilli(EventTimes.toEpochMillis(timestamp, "timestamp"));
        }
        metadata.put(META_EVENT_TIME_SOURCE, "ingest");
        return Instant.ofEpochMilli(settings.clock().millis());
    }

    private static String describe(JsonProcessingException e) {
        // Jackson describes nested locations as "[Source: ...; line: 1, column: 13]": keep the column.
        String detail = JACKSON_LOCATION.matcher(e.getOriginalMessage()).replaceAll("column $1");
        if (detail.length() > MAX_REASON_DETAIL) {
            detail = detail.substring(0, MAX_REASON_DETAIL) + "...";
        }
        return e.getLocation() == null ? detail : detail + " at column " + e.getLocation().getColumnNr();
    }
}
