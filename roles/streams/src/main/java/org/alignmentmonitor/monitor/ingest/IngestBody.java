package org.alignmentmonitor.monitor.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an ingest request body into raw records: one JSON value, a JSON array of records, or NDJSON
 * (one record per line). Each record stays raw bytes, so every format's parser reads it as it would
 * read the same record from a topic or a file.
 */
public final class IngestBody {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private IngestBody() {
    }

    /** The body is not one of the accepted framings; the message says why (a 400). */
    public static final class MalformedBodyException extends RuntimeException {
        MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }

    /** More records than the limit (a 413). */
    public static final class TooManyRecordsException extends RuntimeException {
        TooManyRecordsException(int limit) {
            super("more than " + limit + " records in one request", null, false, false);
        }
    }

    public static List<byte[]> split(byte[] body, int maxRecords) {
        int start = firstNonBlank(body);
        if (start < 0) {
            throw new MalformedBodyException("empty body: send one JSON record, a JSON array of records, or NDJSON");
        }
        if (body[start] == '[') {
            return arrayElements(body, maxRecords);
        }
        if (isSingleJsonValue(body)) {
            return List.of(body);
        }
        return lines(body, maxRecords);
    }

    private static List<byte[]> arrayElements(byte[] body, int maxRecords) {
        JsonNode array;
        try {
            array = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("body starts with '[' but is not a JSON array: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException("cannot read the body: " + e.getMessage());
        }
        if (array.size() > maxRecords) {
            throw new TooManyRecordsException(maxRecords);
        }
        List<byte[]> records = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            try {
                records.add(MAPPER.writeValueAsBytes(element));
            } catch (IOException e) {
                throw new IllegalStateException("cannot re-serialise a parsed JSON value", e);
            }
        }
        return records;
    }

    /** True when the whole body is one JSON value (possibly pretty-printed over several lines). */
    private static boolean isSingleJsonValue(byte[] body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            parser.nextToken();
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            // Not valid as one value: NDJSON, or a malformed record the parser will explain.
            return !hasSecondLine(body);
        }
    }

    private static List<byte[]> lines(byte[] body, int maxRecords) {
        List<byte[]> records = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > lineStart && body[i - 1] == '\r' ? i - 1 : i;
                if (firstNonBlank(body, lineStart, end) >= 0) {
                    if (records.size() == maxRecords) {
                        throw new TooManyRecordsException(maxRecords);
                    }
                    byte[] line = new byte[end - lineStart];
                    System.arraycopy(body, lineStart, line, 0, line.length);
                    records.add(line);
                }
                lineStart = i + 1;
            }
        }
        return records;
    }

    private static boolean hasSecondLine(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.indexOf('\n') >= 0;
    }

    private static int firstNonBlank(byte[] body) {
        return firstNonBlank(body, 0, body.length);
    }

    private static int firstNonBlank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(body[i])) {
                return i;
            }
        }
        return -1;
    }
}
