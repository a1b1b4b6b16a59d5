package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Wilson 95% intervals against values computed independently (R's {@code prop.test(correct = FALSE)}). */
class ProportionTest {

    @Test
    void shouldGiveTheGoldenWilsonIntervalWhenHalfAreHits() {
        Proportion half = new Proportion(5, 10);

        assertThat(half.low()).isCloseTo(0.2366, within(1e-4));
        assertThat(half.high()).isCloseTo(0.7634, within(1e-4));
    }

    @Test
    void shouldKeepAnUpperBoundAboveZeroWhenThereIsNoHit() {
        Proportion none = new Proportion(0, 10);

        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isCloseTo(0.2775, within(1e-4));
    }

    @Test
    void shouldGiveTheGoldenWilsonIntervalWhenTheShareIsSkewed() {
        Proportion skewed = new Proportion(81, 263);

        assertThat(skewed.value()).isCloseTo(0.3080, within(1e-4));
        assertThat(skewed.low()).isCloseTo(0.2553, within(1e-4));
        assertThat(skewed.high()).isCloseTo(0.3662, within(1e-4));
    }

    @Test
    void shouldReportNotApplicableWhenThereIsNothingToCount() {
        assertThat(Proportion.EMPTY.value()).isNaN();
        assertThat(Proportion.EMPTY.format()).isEqualTo("n/a (0/0)");
        assertThat(new Proportion(1, 4).format()).isEqualTo("0.250 [0.046, 0.699] (1/4)");
    }

    @Test
    void shouldRejectMoreHitsThanCases() {
        assertThatThrownBy(() -> new Proportion(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(seed = "20261205")
    void shouldHoldTheShareInsideItsIntervalWithinZeroAndOne(@ForAll @IntRange(min = 1, max = 5000) int total,
                                                            @ForAll @IntRange(min = 0, max = 5000) int rawHits) {
        Proportion p = new Proportion(rawHits % (total + 1), total);

        assertThat(p.low()).isBetween(0.0, p.value());
        assertThat(p.high()).isBetween(p.value(), 1.0);
    }

    @Property(seed = "20261205")
    void shouldMirrorTheIntervalWhenHitsAndMissesSwap(@ForAll @IntRange(min = 1, max = 2000) int total,
                                                     @ForAll @IntRange(min = 0, max = 2000) int rawHits) {
        int hits = rawHits % (total + 1);
        Proportion p = new Proportion(hits, total);
        Proportion q = new Proportion(total - hits, total);

        assertThat(p.low()).isCloseTo(1 - q.high(), within(1e-12));
    }
}
