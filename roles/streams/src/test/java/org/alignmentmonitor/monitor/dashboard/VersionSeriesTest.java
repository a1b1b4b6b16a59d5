package org.alignmentmonitor.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class VersionSeriesTest {

    private static final long S = 1000, M = 60 * S, H = 60 * M;

    @Test
    void shouldUseShortStepsWhenAVersionIsYoung() {
        assertThat(VersionSeries.step(3 * M, 10 * S)).isEqualTo(10 * S);
        assertThat(VersionSeries.step(20 * M, 10 * S)).isEqualTo(30 * S);
        assertThat(VersionSeries.step(H, M)).isEqualTo(2 * M);
        assertThat(VersionSeries.step(24 * H, M)).isEqualTo(30 * M);
        assertThat(VersionSeries.step(7 * 24 * H, M)).isEqualTo(3 * H);
    }

    @Test
    void shouldKeepChartsReadableAndStepsWholeBucketsForAnySpan() {
        SplittableRandom random = new SplittableRandom(8);
        long[] buckets = {10 * S, 30 * S, M, 5 * M, 15 * M, H};
        for (int i = 0; i < 10_000; i++) {
            long span = 1 + random.nextLong(400 * 24 * H);
            long bucket = buckets[random.nextInt(buckets.length)];
            long step = VersionSeries.step(span, bucket);
            assertThat(span / step).as("span %d bucket %d", span, bucket).isLessThan(VersionSeries.MAX_POINTS);
            assertThat(step % bucket).isZero();
        }
    }
}
