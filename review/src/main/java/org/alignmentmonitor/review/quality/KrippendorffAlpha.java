package org.alignmentmonitor.review.quality;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Krippendorff's alpha for nominal data with missing ratings: alpha = 1 - D_o / D_e from the coincidence matrix.
 * A unit with fewer than two ratings carries no pairing information and is skipped, as the method prescribes.
 */
public final class KrippendorffAlpha {

    private KrippendorffAlpha() {
    }

    /**
     * @param units for each unit (item), the values its coders gave; missing coders are simply absent
     * @return alpha, or NaN when fewer than two pairable values exist or all pairable values are equal (D_e = 0)
     */
    public static <V> double nominal(Collection<? extends Collection<V>> units) {
        // o[c][k] summed as a map: coincidences of value pairs within units, each unit weighted 1/(m_u - 1).
        Map<V, Map<V, Double>> coincidences = new HashMap<>();
        for (Collection<V> unit : units) {
            int m = unit.size();
            if (m < 2) {
                continue;
            }
            List<V> values = List.copyOf(unit);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    if (i != j) {
                        coincidences.computeIfAbsent(values.get(i), k -> new HashMap<>()).merge(values.get(j), 1.0 / (m - 1), Double::sum);
                    }
                }
            }
        }
        Map<V, Double> marginals = new HashMap<>();
        double n = 0;
        double disagreeObserved = 0;
        for (var row : coincidences.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                marginals.merge(row.getKey(), cell.getValue(), Double::sum);
                n += cell.getValue();
                if (!row.getKey().equals(cell.getKey())) {
                    disagreeObserved += cell.getValue();
                }
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double sumSquares = marginals.values().stream().mapToDouble(x -> x * x).sum();
        double expectedTimesN = n * n - sumSquares;
        if (expectedTimesN == 0) {
            return Double.NaN;
        }
        return 1 - (n - 1) * disagreeObserved / expectedTimesN;
    }
}
