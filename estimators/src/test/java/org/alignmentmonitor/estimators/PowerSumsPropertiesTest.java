package org.alignmentmonitor.estimators;

import static org.alignmentmonitor.estimators.MergePropertiesTest.assertClose;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Raw power sums, centred once, give the same moments as the Chan-style fold the estimators use. */
class PowerSumsPropertiesTest {

    record Triple(double a, double b, double c) {}

    @Provide
    Arbitrary<List<Triple>> triples() {
        Arbitrary<Double> unit = Arbitraries.doubles().between(0.0, 1.0);
        Arbitrary<Double> weighted = Arbitraries.doubles().between(0.0, 100.0);
        return Combinators.combine(unit, weighted, weighted).as(Triple::new).list().ofMaxSize(200);
    }

    @Property(tries = 300)
    void shouldMatchChanFoldWhenCentredFromPowerSums(@ForAll("triples") List<Triple> items) {
        CoMoments chan = CoMoments.EMPTY;
        ScoreMoments score = ScoreMoments.EMPTY;
        double sa = 0, sb = 0, sc = 0, saa = 0, sbb = 0, scc = 0, sab = 0, sac = 0, sbc = 0;
        for (Triple t : items) {
            chan = chan.add(t.a(), t.b(), t.c());
            score = score.add(t.a());
            sa += t.a();
            sb += t.b();
            sc += t.c();
            saa += t.a() * t.a();
            sbb += t.b() * t.b();
            scc += t.c() * t.c();
            sab += t.a() * t.b();
            sac += t.a() * t.c();
            sbc += t.b() * t.c();
        }
        // 1e-9 relative to max(1, |x|): the sums of squares reach 1e6 here, so this is a tight bound.
        assertClose(CoMoments.fromPowerSums(items.size(), sa, sb, sc, saa, sbb, scc, sab, sac, sbc), chan, "co-moments");
        assertClose(ScoreMoments.fromPowerSums(items.size(), sa, saa), score, "score moments");
    }
}
