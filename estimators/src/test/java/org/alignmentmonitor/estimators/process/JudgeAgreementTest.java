package org.alignmentmonitor.estimators.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class JudgeAgreementTest {

    @Test
    void shouldMatchAHandComputedKappa() {
        // 20 TP, 5 FN, 10 FP, 65 TN: p_o = 0.85, p_e = 0.3*0.25 + 0.7*0.75 = 0.6, kappa = 0.25/0.4
        JudgeAgreement a = new JudgeAgreement(20, 5, 10, 65);
        assertThat(a.pairs()).isEqualTo(100);
        assertThat(a.agreement()).isCloseTo(0.85, within(1e-15));
        assertThat(a.kappa()).isCloseTo(0.625, within(1e-12));
        assertThat(a.sensitivity()).isCloseTo(0.8, within(1e-15));
        assertThat(a.specificity()).isCloseTo(65.0 / 75, within(1e-15));
        assertThat(a.agreementInterval(0.05).contains(0.85)).isTrue();
    }

    @Test
    void shouldGiveZeroKappaToAJudgeThatFlagsEverything() {
        assertThat(new JudgeAgreement(10, 0, 90, 0).kappa()).isCloseTo(0.0, within(1e-15));
    }

    @Property
    void kappaShouldBeOneExactlyWhenJudgeAndHumanAlwaysAgree(@ForAll @LongRange(min = 1, max = 10_000) long yes,
                                                            @ForAll @LongRange(min = 1, max = 10_000) long no) {
        assertThat(new JudgeAgreement(yes, 0, 0, no).kappa()).isCloseTo(1.0, within(1e-12));
    }

    @Property
    void kappaShouldNotExceedOneAndAgreementShouldBeAShare(@ForAll @LongRange(min = 0, max = 1000) long tp,
                                                           @ForAll @LongRange(min = 0, max = 1000) long fn,
                                                           @ForAll @LongRange(min = 0, max = 1000) long fp,
                                                           @ForAll @LongRange(min = 1, max = 1000) long tn) {
        JudgeAgreement a = new JudgeAgreement(tp, fn, fp, tn);
        assertThat(a.agreement()).isBetween(0.0, 1.0);
        double kappa = a.kappa();
        if (!Double.isNaN(kappa)) {
            assertThat(kappa).isLessThanOrEqualTo(1.0 + 1e-12).isGreaterThanOrEqualTo(-1.0 - 1e-12);
        }
    }
}
