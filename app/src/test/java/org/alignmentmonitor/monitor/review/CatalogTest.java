package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.schemas.AvroTrust;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @BeforeAll
    static void trust() {
        AvroTrust.install();
    }

    @Test
    void shouldGiveBackEachItemsContentWhenManyAreStoredOnDisk() {
        try (Catalog catalog = new Catalog()) {
            for (int i = 0; i < 500; i++) {
                catalog.putIfAbsent("i" + i, ReviewHarness.task("i" + i, i, "prompt " + i, "answer <b>" + "x".repeat(i) + "</b>", 0, 3));
            }
            for (int i : new int[] {0, 1, 250, 499}) {
                ReviewTask expected = ReviewHarness.task("i" + i, i, "prompt " + i, "answer <b>" + "x".repeat(i) + "</b>", 0, 3);
                assertThat(catalog.get("i" + i)).contains(TaskMapping.entry(expected));
            }
            assertThat(catalog.get("i500")).isEmpty();
        }
    }

    @Test
    void shouldKeepTheFirstContentWhenATaskIsDeliveredAgain() {
        try (Catalog catalog = new Catalog()) {
            catalog.putIfAbsent("i1", ReviewHarness.task("i1", 1, "first", "one", 0, 0));
            catalog.putIfAbsent("i1", ReviewHarness.task("i1", 2, "second", "two", 0, 0));
            assertThat(catalog.get("i1").orElseThrow().content().completion()).isEqualTo("one");
        }
    }
}
