package org.alignmentmonitor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldTakeNearestRankWhenSampleIsUnsorted() {
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (nanos.length - i) * 1_000_000L;  // 200 ms down to 1 ms
        }
        Percentiles p = Percentiles.ofNanos(nanos, nanos.length);
        assertThat(p.count()).isEqualTo(200);
        assertThat(p.p50Ms()).isEqualTo(100.0);
        assertThat(p.p99Ms()).isEqualTo(198.0);
        assertThat(p.maxMs()).isEqualTo(200.0);
    }

    @Test
    void shouldOnlyLookAtTheFirstCountValues() {
        long[] nanos = {3_000_000L, 1_000_000L, 999_000_000L};
        Percentiles p = Percentiles.ofNanos(nanos, 2);
        assertThat(p.p50Ms()).isEqualTo(1.0);
        assertThat(p.maxMs()).isEqualTo(3.0);
    }

    @Test
    void shouldReportNothingWhenNoValues() {
        Percentiles p = Percentiles.ofNanos(new long[0], 0);
        assertThat(p.count()).isZero();
        assertThat(p.p99Ms()).isNaN();
    }
}
