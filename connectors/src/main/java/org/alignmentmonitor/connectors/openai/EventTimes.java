package org.alignmentmonitor.connectors.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/** Reads log timestamps: epoch seconds or milliseconds (number or numeric string), or ISO-8601. */
public final class EventTimes {

    /**
     * Epoch values at or above this are milliseconds: as seconds they would lie after the year 5000,
     * as milliseconds they lie after 1973, so no real log time is ambiguous.
     */
    private static final double MILLIS_THRESHOLD = 1e11;
    private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?");

    private EventTimes() {
    }

    public static long toEpochMillis(JsonNode node, String path) {
        if (node.isNumber()) {
            return fromEpoch(node.decimalValue());
        }
        if (!node.isTextual()) {
            throw new InvalidRecordException(path + " is not a number or a string");
        }
        String text = node.textValue().trim();
        if (NUMERIC.matcher(text).matches()) {
            return fromEpoch(new BigDecimal(text));
        }
        try {
            return fromIso(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(path + " '" + abbreviate(text) + "' is neither ISO-8601 nor epoch seconds/millis");
        }
    }

    private static long fromEpoch(BigDecimal value) {
        BigDecimal millis = value.abs().doubleValue() >= MILLIS_THRESHOLD ? value : value.movePointRight(3);
        return millis.longValue();
    }

    private static long fromIso(String text) {
        // Loggers often write "2024-05-01 12:00:00" (SQL style); ISO-8601 wants the 'T'.
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime withOffset) {
            return withOffset.toInstant().toEpochMilli();
        }
        // Python's datetime.utcnow().isoformat() and many shippers omit the zone and mean UTC.
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
