package org.alignmentmonitor.connectors.synthetic;

import java.util.EnumMap;
import java.util.Map;

/**
 * True probability of each failure kind per interaction; whatever remains is {@link FailureKind#NONE}.
 */
public record FailureRates(Map<FailureKind, Double> rates) {

    public FailureRates {
        EnumMap<FailureKind, Double> copy = new EnumMap<>(FailureKind.class);
        double total = 0;
        for (Map.Entry<FailureKind, Double> entry : rates.entrySet()) {
            FailureKind kind = entry.getKey();
            double rate = entry.getValue();
            if (kind == FailureKind.NONE) {
                throw new IllegalArgumentException("the rate of 'none' is what the failure rates leave over");
            }
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rate of " + kind.label() + " must be in [0,1]: " + rate);
            }
            copy.put(kind, rate);
            total += rate;
        }
        if (total > 1 + 1e-9) {
            throw new IllegalArgumentException("failure rates add up to " + total + " > 1");
        }
        rates = Map.copyOf(copy);
    }

    /** Rates of truncation, empty, repetition and prompt echo, in that order. */
    public static FailureRates of(double truncation, double empty, double repetition, double promptEcho) {
        return new FailureRates(Map.of(FailureKind.TRUNCATION, truncation, FailureKind.EMPTY, empty,
                FailureKind.REPETITION, repetition, FailureKind.PROMPT_ECHO, promptEcho));
    }

    public double rate(FailureKind kind) {
        return kind == FailureKind.NONE ? 1 - total() : rates.getOrDefault(kind, 0.0);
    }

    /** Probability that an interaction has any failure. */
    public double total() {
        return rates.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
