package org.alignmentmonitor.monitor.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * Validation of query parameters, with messages that say what was expected. Each parser takes the
 * raw value (null when absent) and either returns it parsed or throws {@link BadRequestException}.
 */
final class QueryParams {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._:/@+-]{1,200}");

    private QueryParams() {
    }

    static String requiredName(Context ctx, String param) {
        return requiredName(param, ctx.queryParam(param));
    }

    static String requiredName(String param, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadRequestException("query parameter '" + param + "' is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw new BadRequestException("query parameter '" + param + "' must be 1-200 letters, digits or . _ : / @ + -");
        }
        return value;
    }

    /** An instant as ISO-8601 (2026-11-01T00:00:00Z) or epoch milliseconds; {@code fallback} when absent. */
    static long instant(Context ctx, String param, long fallback) {
        return instant(param, ctx.queryParam(param), fallback);
    }

    static long instant(String param, String value, long fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() > 40) {
            throw new BadRequestException("query parameter '" + param + "' is too long");
        }
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(value);
            }
            return Instant.parse(value).toEpochMilli();
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            // ArithmeticException: a valid ISO instant (up to year +1000000000) beyond epoch milliseconds.
            throw new BadRequestException("query parameter '" + param + "' must be an ISO-8601 instant (2026-11-01T00:00:00Z) or epoch milliseconds, got '" + value + "'");
        }
    }

    /** Interval error level: 'alpha' in (0, 0.5], 0.05 (95% intervals) when absent. */
    static double alpha(Context ctx) {
        return alpha(ctx.queryParam("alpha"));
    }

    static double alpha(String value) {
        if (value == null || value.isEmpty()) {
            return 0.05;
        }
        try {
            double alpha = value.length() > 20 ? Double.NaN : Double.parseDouble(value);
            if (alpha > 0 && alpha <= 0.5) {
                return alpha;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new BadRequestException("query parameter 'alpha' must be a number in (0, 0.5], got '" + value + "'");
    }

    static boolean flag(Context ctx, String param) {
        return flag(param, ctx.queryParam(param));
    }

    static boolean flag(String param, String value) {
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true", "1", "" -> true;
            case "false", "0" -> false;
            default -> throw new BadRequestException("query parameter '" + param + "' must be true or false");
        };
    }

    /** A number in [min, max]; {@code fallback} when absent. */
    static double number(Context ctx, String param, double fallback, double min, double max) {
        return number(param, ctx.queryParam(param), fallback, min, max);
    }

    static double number(String param, String value, double fallback, double min, double max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            double x = value.length() > 30 ? Double.NaN : Double.parseDouble(value);
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new BadRequestException("query parameter '" + param + "' must be a number in [" + min + ", " + max + "], got '" + value + "'");
    }

    /** A whole number in [min, max]; {@code fallback} when absent. */
    static long count(Context ctx, String param, long fallback, long min, long max) {
        return count(param, ctx.queryParam(param), fallback, min, max);
    }

    static long count(String param, String value, long fallback, long min, long max) {
        double x = number(param, value, fallback, min, max);
        if (x != Math.rint(x)) {
            throw new BadRequestException("query parameter '" + param + "' must be a whole number, got '" + value + "'");
        }
        return (long) x;
    }
}
