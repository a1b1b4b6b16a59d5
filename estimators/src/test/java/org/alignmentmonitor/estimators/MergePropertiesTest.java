package org.alignmentmonitor.estimators;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Merging bucket states is associative and commutative, and estimating a merge equals
 * estimating one state fed every item: the guarantee that any window is an exact merge.
 * Doubles agree to 1e-9 relative (to max(1, |x|)); counts exactly.
 */
class MergePropertiesTest {

    private static final double REL = 1e-9;

    record Item(double score, boolean flagged, Label label, double pi) {}

    @Provide
    Arbitrary<List<Item>> items() {
        Arbitrary<Double> score = Arbitraries.doubles().between(0.0, 1.0);
        Arbitrary<Label> label = Arbitraries.of(Label.class).injectNull(0.6);
        Arbitrary<Double> pi = Arbitraries.doubles().between(0.01, 1.0);
        return Combinators.combine(score, Arbitraries.of(true, false), label, pi)
                .as(Item::new).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void mergeIsCommutative(@ForAll("items") List<Item> a, @ForAll("items") List<Item> b) {
        BucketEstimatorState sa = fold(a);
        BucketEstimatorState sb = fold(b);
        assertClose(sa.merge(sb), sb.merge(sa), "state");
        assertClose(Estimator.estimate(sa.merge(sb)), Estimator.estimate(sb.merge(sa)), "estimates");
    }

    @Property(tries = 300)
    void mergeIsAssociative(@ForAll("items") List<Item> a, @ForAll("items") List<Item> b,
                            @ForAll("items") List<Item> c) {
        BucketEstimatorState sa = fold(a);
        BucketEstimatorState sb = fold(b);
        BucketEstimatorState sc = fold(c);
        BucketEstimatorState left = sa.merge(sb).merge(sc);
        BucketEstimatorState right = sa.merge(sb.merge(sc));
        assertClose(left, right, "state");
        assertClose(Estimator.estimate(left), Estimator.estimate(right), "estimates");
    }

    @Property(tries = 300)
    void mergeThenEstimateEqualsEstimateOnConcatenation(@ForAll("items") List<Item> a,
                                                        @ForAll("items") List<Item> b,
                                                        @ForAll("items") List<Item> c) {
        List<Item> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        BucketEstimatorState merged = BucketEstimatorState.mergeAll(List.of(fold(a), fold(b), fold(c)));
        BucketEstimatorState direct = fold(all);
        assertClose(merged, direct, "state");
        assertClose(Estimator.estimate(merged), Estimator.estimate(direct), "estimates");
    }

    @Property(tries = 100)
    void emptyIsTheIdentity(@ForAll("items") List<Item> a) {
        BucketEstimatorState s = fold(a);
        assertThat(s.merge(BucketEstimatorState.EMPTY)).isEqualTo(s);
        assertThat(BucketEstimatorState.EMPTY.merge(s)).isEqualTo(s);
    }

    private static BucketEstimatorState fold(List<Item> items) {
        BucketEstimatorState s = BucketEstimatorState.empty();
        for (Item i : items) {
            s = s.add(i.score(), i.flagged(), i.label(), i.pi());
        }
        return s;
    }

    /** Walks records component by component: doubles within REL, everything else equal. */
    static void assertClose(Object x, Object y, String path) {
        if (x instanceof Double dx && y instanceof Double dy) {
            double a = dx;
            double b = dy;
            if (Double.isNaN(a) || Double.isNaN(b)) {
                assertThat(Double.isNaN(a) && Double.isNaN(b)).as(path + ": " + a + " vs " + b).isTrue();
                return;
            }
            double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
            assertThat(Math.abs(a - b)).as(path + ": " + a + " vs " + b).isLessThanOrEqualTo(REL * scale);
            return;
        }
        if (x instanceof Record rx && y instanceof Record) {
            try {
                for (RecordComponent c : rx.getClass().getRecordComponents()) {
                    assertClose(c.getAccessor().invoke(x), c.getAccessor().invoke(y), path + "." + c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            return;
        }
        assertThat(x).as(path).isEqualTo(y);
    }
}
