package org.alignmentmonitor.streams.rates;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** A window plan covers its (possibly widened) window exactly once, with every part on its granularity's grid. */
class WindowPlanPropertiesTest {

    private static final long MINUTE = 60_000;
    private static final long BASE = 1_790_000_000_000L - Math.floorMod(1_790_000_000_000L, WindowPlan.DAY);

    @Property(tries = 10000)
    void shouldTileTheWindowExactlyWithAlignedParts(@ForAll @LongRange(min = 0, max = 40L * 86_400_000) long fromOffset,
                                                    @ForAll @LongRange(min = 1, max = 40L * 86_400_000) long length,
                                                    @ForAll @LongRange(min = 0, max = 80L * 86_400_000) long latestOffset) {
        long from = BASE + fromOffset;
        long to = from + length;
        long latest = BASE + latestOffset;
        long bucketFloor = latest - 2 * WindowPlan.DAY;
        long hourFloor = latest - 30 * WindowPlan.DAY;
        WindowPlan plan = WindowPlan.of(from, to, MINUTE, bucketFloor, hourFloor);

        assertThat(plan.from()).isLessThanOrEqualTo(from);
        assertThat(plan.to()).isGreaterThanOrEqualTo(to);
        long cursor = plan.from();
        for (WindowPlan.Part part : plan.parts()) {
            assertThat(part.start()).as("contiguous, no overlap").isEqualTo(cursor);
            assertThat(part.end()).isGreaterThan(part.start());
            long unit = switch (part.granularity()) {
                case BUCKET -> MINUTE;
                case HOUR -> WindowPlan.HOUR;
                case DAY -> WindowPlan.DAY;
            };
            assertThat(Math.floorMod(part.start(), unit)).isZero();
            assertThat(Math.floorMod(part.end(), unit)).isZero();
            if (part.granularity() == WindowPlan.Granularity.BUCKET) {
                assertThat(part.start()).as("buckets only where they are kept").isGreaterThanOrEqualTo(bucketFloor);
            }
            if (part.granularity() == WindowPlan.Granularity.HOUR) {
                assertThat(part.start()).as("hours only where they are kept").isGreaterThanOrEqualTo(hourFloor);
            }
            cursor = part.end();
        }
        assertThat(cursor).isEqualTo(plan.to());
    }

    @Test
    void shouldUseDaysThenHoursThenMinutesForARaggedWindow() {
        long from = BASE + 23 * WindowPlan.HOUR + 30 * MINUTE;
        long to = BASE + 3 * WindowPlan.DAY + 2 * WindowPlan.HOUR + 5 * MINUTE;
        WindowPlan plan = WindowPlan.of(from, to, MINUTE, 0, 0);

        assertThat(plan.parts()).extracting(WindowPlan.Part::granularity).containsExactly(
                WindowPlan.Granularity.BUCKET, WindowPlan.Granularity.DAY, WindowPlan.Granularity.HOUR, WindowPlan.Granularity.BUCKET);
        assertThat(plan.from()).isEqualTo(from);
        assertThat(plan.to()).isEqualTo(to);
    }

    @Test
    void shouldWidenTheEndTooWhenAShortWindowStraddlesTheBucketFloor() {
        long hour = BASE + 5 * WindowPlan.HOUR;
        WindowPlan plan = WindowPlan.of(hour, hour + 5 * MINUTE, MINUTE, hour + 1, 0);

        assertThat(plan.parts()).containsExactly(new WindowPlan.Part(WindowPlan.Granularity.HOUR, hour, hour + WindowPlan.HOUR));
    }

    @Test
    void shouldWidenToHoursWhereMinuteBucketsAreNoLongerKept() {
        long latest = BASE + 10 * WindowPlan.DAY;
        long from = BASE + WindowPlan.DAY + 10 * MINUTE;
        WindowPlan plan = WindowPlan.of(from, from + 20 * MINUTE, MINUTE, latest - 2 * WindowPlan.DAY, latest - 90 * WindowPlan.DAY);

        assertThat(plan.from()).isEqualTo(BASE + WindowPlan.DAY);
        assertThat(plan.to()).isEqualTo(BASE + WindowPlan.DAY + WindowPlan.HOUR);
        assertThat(plan.parts()).containsExactly(new WindowPlan.Part(WindowPlan.Granularity.HOUR, plan.from(), plan.to()));
    }
}
