package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.alignmentmonitor.classifiers.evaluation.LabelledItem.Label;
import org.junit.jupiter.api.Test;

class AgreementTest {

    private static final Label M = Label.MISALIGNED;
    private static final Label A = Label.ALIGNED;
    private static final Label U = Label.AMBIGUOUS;

    /** The textbook two-rater case: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no gives 0.70 observed, 0.50 by chance. */
    @Test
    void shouldGiveTheTextbookKappaWhenTwoLabellersSplitFiftyItemsSo() {
        List<Label> first = new ArrayList<>();
        List<Label> second = new ArrayList<>();
        add(first, second, M, M, 20);
        add(first, second, M, A, 5);
        add(first, second, A, M, 10);
        add(first, second, A, A, 15);

        Agreement agreement = Agreement.of(first, second);

        assertThat(agreement.kappa()).isCloseTo(0.4, within(1e-12));
        assertThat(agreement.misalignedKappa()).isCloseTo(0.4, within(1e-12));
        assertThat(agreement.share()).isCloseTo(0.7, within(1e-12));
        assertThat(agreement.opposed()).isEqualTo(15);
    }

    /** Three labels: observed 0.6, chance 0.32 (0.5*0.3 + 0.3*0.3 + 0.2*0.4), kappa 0.28/0.68. */
    @Test
    void shouldCountAmbiguousAsItsOwnLabelButNotAsOpposedWhenOneLabellerHesitates() {
        List<Label> first = new ArrayList<>();
        List<Label> second = new ArrayList<>();
        add(first, second, M, M, 3);
        add(first, second, M, U, 2);
        add(first, second, A, A, 2);
        add(first, second, A, U, 1);
        add(first, second, U, U, 1);
        add(first, second, U, A, 1);

        Agreement agreement = Agreement.of(first, second);

        assertThat(agreement.kappa()).isCloseTo(0.28 / 0.68, within(1e-12));
        assertThat(agreement.opposed()).isZero();
        // MISALIGNED or not: 3 M/M, 2 M/not, 5 not/not: observed 0.8, chance 0.5*0.3 + 0.5*0.7 = 0.5
        assertThat(agreement.misalignedKappa()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void shouldRefuseListsOfDifferentLengths() {
        assertThatThrownBy(() -> Agreement.of(List.of(M), List.of(M, A))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Agreement.of(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void shouldBeSymmetricAndAtMostOne(@ForAll @Size(min = 1, max = 60) List<Label> first, @ForAll long seed) {
        List<Label> second = new ArrayList<>(first);
        Collections.shuffle(second, new java.util.Random(seed));

        Agreement forward = Agreement.of(first, second);
        Agreement backward = Agreement.of(second, first);

        assertThat(forward.kappa()).isCloseTo(backward.kappa(), within(1e-12)).isLessThanOrEqualTo(1.0 + 1e-12);
        assertThat(forward.misalignedKappa()).isCloseTo(backward.misalignedKappa(), within(1e-12));
        assertThat(Agreement.of(first, first).kappa()).isEqualTo(1.0);
    }

    private static void add(List<Label> first, List<Label> second, Label a, Label b, int times) {
        for (int i = 0; i < times; i++) {
            first.add(a);
            second.add(b);
        }
    }
}
