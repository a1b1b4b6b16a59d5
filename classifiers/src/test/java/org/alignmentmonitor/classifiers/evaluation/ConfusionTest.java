package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionTest {

    private static final Confusion COUNTS = new Confusion(8, 2, 1, 89);

    @Test
    void shouldComputePrecisionRecallAndFalsePositiveRateWhenCountsAreGiven() {
        assertThat(COUNTS.precision()).isCloseTo(8 / 9.0, within(1e-12));
        assertThat(COUNTS.recall()).isCloseTo(0.8, within(1e-12));
        assertThat(COUNTS.falsePositiveRate()).isCloseTo(1 / 90.0, within(1e-12));
        assertThat(COUNTS.positives()).isEqualTo(10);
        assertThat(COUNTS.negatives()).isEqualTo(90);
        assertThat(COUNTS.total()).isEqualTo(100);
    }

    @Test
    void shouldBeUndefinedWhenADenominatorIsZero() {
        Confusion onlyMisses = new Confusion(0, 3, 0, 0);

        assertThat(onlyMisses.precision()).isNaN();
        assertThat(onlyMisses.recall()).isZero();
        assertThat(onlyMisses.falsePositiveRate()).isNaN();
        assertThat(Confusion.EMPTY.recall()).isNaN();
    }

    @Test
    void shouldCountEachOutcomeWhenCasesAreAdded() {
        Confusion counted = Confusion.EMPTY.addPositive(true).addPositive(false).addNegative(true).addNegative(false)
                .add(true, true).add(false, false);

        assertThat(counted).isEqualTo(new Confusion(2, 1, 1, 2));
    }

    @Test
    void shouldAddCountsWhenTwoConfusionsAreSummed() {
        assertThat(COUNTS.plus(new Confusion(1, 1, 1, 1))).isEqualTo(new Confusion(9, 3, 2, 90));
    }

    @Test
    void shouldRejectCountsWhenNegative() {
        assertThatThrownBy(() -> new Confusion(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
