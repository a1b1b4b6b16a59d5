package org.alignmentmonitor.review.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class KrippendorffAlphaTest {

    /** Columns are units, rows observers; null is a missing rating. */
    private static List<List<Integer>> units(Integer[]... observers) {
        List<List<Integer>> units = new ArrayList<>();
        for (int u = 0; u < observers[0].length; u++) {
            List<Integer> unit = new ArrayList<>();
            for (Integer[] o : observers) {
                if (o[u] != null) {
                    unit.add(o[u]);
                }
            }
            units.add(unit);
        }
        return units;
    }

    /**
     * Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: four observers, twelve units, values
     * 1..5, missing data. By hand: n = 40 pairable values, sum of off-diagonal coincidences = 8, sum of squared value
     * totals = 9^2 + 13^2 + 10^2 + 5^2 + 3^2 ... = 384, so alpha = 1 - 39 * 8 / (1600 - 384) = 1 - 312/1216 = 0.743.
     */
    @Test
    void shouldMatchKrippendorffsWorkedExampleWithMissingData() {
        Integer n = null;
        double alpha = KrippendorffAlpha.nominal(units(
                new Integer[]{1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n},
                new Integer[]{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3},
                new Integer[]{n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n},
                new Integer[]{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n}));
        assertThat(alpha).isCloseTo(1 - 312.0 / 1216.0, within(1e-12));
        assertThat(alpha).isCloseTo(0.743, within(5e-4));
    }

    /**
     * Krippendorff (2011), section A: two observers, ten units, binary. n = 20, 8 disagreeing pairings, value totals
     * 14 and 6: alpha = 1 - 19 * 8 / (400 - 196 - 36) = 1 - 152/168 = 0.095.
     */
    @Test
    void shouldMatchKrippendorffsBinaryTwoObserverExample() {
        double alpha = KrippendorffAlpha.nominal(units(
                new Integer[]{0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
                new Integer[]{1, 1, 1, 0, 0, 1, 0, 0, 0, 0}));
        assertThat(alpha).isCloseTo(1 - 152.0 / 168.0, within(1e-12));
    }

    @Test
    void shouldBeOneOnPerfectAgreementAndNaNWithoutPairableVariation() {
        assertThat(KrippendorffAlpha.nominal(List.of(List.of("a", "a"), List.of("b", "b", "b")))).isEqualTo(1.0);
        assertThat(KrippendorffAlpha.nominal(List.of(List.of("a", "a"), List.of("a")))).isNaN();
        assertThat(KrippendorffAlpha.nominal(List.of(List.of("a"), List.of("b")))).isNaN();
    }
}
