package org.alignmentmonitor.estimators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of testdata/fixtures/estimators.json.gz (numpy/scipy reference), to 1e-9, and 1e-7
 * for ends found by root finding (confidence sequence).
 */
class GoldenFixturesTest {

    private static final double TOL = 1e-9;
    private static final double ROOT_TOL = 1e-7;

    private static final Path FIXTURES = Path.of(System.getProperty("testdata.dir", "../testdata"))
            .resolve("fixtures/estimators.json.gz");

    private static JsonNode fixtures;

    @BeforeAll
    static void load() throws IOException {
        fixtures = read();
    }

    private static JsonNode read() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(FIXTURES))) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> cases(String key) throws IOException {
        // Method sources run before @BeforeAll.
        JsonNode root = fixtures != null ? fixtures : read();
        List<Arguments> out = new ArrayList<>();
        JsonNode arr = root.path(key);
        assertThat(arr.size()).as("cases of %s in %s", key, FIXTURES).isPositive();
        for (int i = 0; i < arr.size(); i++) {
            out.add(Arguments.of(i, arr.get(i)));
        }
        return out.stream();
    }

    static Stream<Arguments> wilson() throws IOException { return cases("wilson"); }
    static Stream<Arguments> clopperPearson() throws IOException { return cases("clopper_pearson"); }
    static Stream<Arguments> zeroFailure() throws IOException { return cases("zero_failure_n"); }
    static Stream<Arguments> betabin() throws IOException { return cases("betabin_cs"); }
    static Stream<Arguments> ppiClassic() throws IOException { return cases("ppi_classic"); }
    static Stream<Arguments> active() throws IOException { return cases("active"); }

    @Test
    void fixtureFileHasOnlyTheKeysThisTestCovers() {
        List<String> keys = new ArrayList<>();
        fixtures.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder(
                "wilson", "clopper_pearson", "zero_failure_n", "betabin_cs", "ppi_classic", "active");
    }

    @ParameterizedTest(name = "wilson[{0}]")
    @MethodSource("wilson")
    void wilson(int index, JsonNode c) {
        Interval got = Wilson.interval(c.get("x").asLong(), c.get("n").asLong(), c.get("alpha").asDouble());
        assertInterval(got, c.get("interval"), TOL);
    }

    @ParameterizedTest(name = "clopper_pearson[{0}]")
    @MethodSource("clopperPearson")
    void clopperPearson(int index, JsonNode c) {
        long x = c.get("x").asLong();
        long n = c.get("n").asLong();
        double alpha = c.get("alpha").asDouble();
        assertInterval(ClopperPearson.interval(x, n, alpha), c.get("interval"), TOL);
        assertThat(ClopperPearson.upper(x, n, alpha)).isCloseTo(c.get("one_sided_upper").asDouble(), within(TOL));
        // A binomial sample's own rate and se give back n* = n, so the corrected PPI is this interval.
        double p = (double) x / n;
        assertInterval(EffectiveSampleInterval.exact(p, n, alpha), c.get("interval"), TOL);
    }

    @ParameterizedTest(name = "zero_failure_n[{0}]")
    @MethodSource("zeroFailure")
    void zeroFailure(int index, JsonNode c) {
        double eps = c.get("eps").asDouble();
        double delta = c.get("delta").asDouble();
        long n = ZeroFailure.labelsNeeded(eps, delta);
        assertThat(n).isEqualTo(c.get("n").asLong());
        // and n clean labels indeed certify eps
        assertThat(ZeroFailure.bound(n, delta)).isLessThanOrEqualTo(eps);
    }

    @ParameterizedTest(name = "betabin_cs[{0}]")
    @MethodSource("betabin")
    void betaBinomialConfidenceSequence(int index, JsonNode c) {
        Interval got = BetaBinomialConfidenceSequence.interval(c.get("S").asLong(), c.get("t").asLong(),
                c.get("a").asDouble(), c.get("b").asDouble(), c.get("alpha").asDouble());
        assertInterval(got, c.get("interval"), ROOT_TOL);
    }

    @ParameterizedTest(name = "ppi_classic[{0}]")
    @MethodSource("ppiClassic")
    void ppiClassic(int index, JsonNode c) {
        double[] y = doubles(c.get("y"));
        double[] yhat = doubles(c.get("yhat"));
        double[] yu = doubles(c.get("yhat_unlabeled"));
        double alpha = c.has("alpha") ? c.get("alpha").asDouble() : 0.05;
        assertPpi(PredictionPowered.classicTuned(y, yhat, yu, alpha), c.get("tuned"));
        assertPpi(PredictionPowered.classic(y, yhat, yu, 0.0, alpha), c.get("lam0"));
        assertPpi(PredictionPowered.classic(y, yhat, yu, 1.0, alpha), c.get("lam1"));
    }

    /** Through the real path: items added one by one to a bucket state, then estimated. */
    @ParameterizedTest(name = "active[{0}]")
    @MethodSource("active")
    void active(int index, JsonNode c) {
        double[] f = doubles(c.get("f"));
        double[] y = doubles(c.get("y"));
        double[] xi = doubles(c.get("xi"));
        double[] pi = doubles(c.get("pi"));
        double alpha = c.has("alpha") ? c.get("alpha").asDouble() : 0.05;
        BucketEstimatorState state = BucketEstimatorState.empty();
        for (int i = 0; i < f.length; i++) {
            Label label = xi[i] == 1.0 ? (y[i] == 1.0 ? Label.MISALIGNED : Label.ALIGNED) : null;
            state = state.add(f[i], f[i] >= 0.5, label, pi[i]);
        }
        Estimates e = Estimator.estimate(state, EstimationOptions.withAlpha(alpha));
        for (Estimates.Outcome o : List.of(e.low(), e.high())) {
            assertPpi(o.ppi(), c.get("tuned"));
            assertPpi(o.lam0(), c.get("lam0"));
            assertPpi(o.lam1(), c.get("lam1"));
            assertThat(o.labelsOnly().ipwRate()).isCloseTo(c.get("lam0").get("estimate").asDouble(), within(TOL));
        }
        // Same numbers when the stream is cut into buckets and merged.
        BucketEstimatorState merged = BucketEstimatorState.empty();
        int chunk = 997;
        for (int start = 0; start < f.length; start += chunk) {
            BucketEstimatorState b = BucketEstimatorState.empty();
            for (int i = start; i < Math.min(f.length, start + chunk); i++) {
                Label label = xi[i] == 1.0 ? (y[i] == 1.0 ? Label.MISALIGNED : Label.ALIGNED) : null;
                b = b.add(f[i], f[i] >= 0.5, label, pi[i]);
            }
            merged = b.merge(merged);
        }
        Estimates em = Estimator.estimate(merged, EstimationOptions.withAlpha(alpha));
        assertPpi(em.low().ppi(), c.get("tuned"));
        assertPpi(em.low().lam0(), c.get("lam0"));
        assertPpi(em.low().lam1(), c.get("lam1"));
    }

    private static void assertPpi(PpiEstimate got, JsonNode want) {
        assertThat(got.lam()).as("lam").isCloseTo(want.get("lam").asDouble(), within(TOL));
        assertThat(got.estimate()).as("estimate").isCloseTo(want.get("estimate").asDouble(), within(TOL));
        assertThat(got.se()).as("se").isCloseTo(want.get("se").asDouble(), within(TOL));
        assertThat(got.lower()).as("lower").isCloseTo(want.get("lower").asDouble(), within(TOL));
        assertThat(got.upper()).as("upper").isCloseTo(want.get("upper").asDouble(), within(TOL));
    }

    private static void assertInterval(Interval got, JsonNode want, double tol) {
        assertThat(got.lower()).as("lower").isCloseTo(want.get(0).asDouble(), within(tol));
        assertThat(got.upper()).as("upper").isCloseTo(want.get(1).asDouble(), within(tol));
    }

    private static double[] doubles(JsonNode arr) {
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }
}
