package org.alignmentmonitor.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void shouldNeverHoldMoreThanItsCapacity() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(3);

        for (int i = 0; i < 100; i++) {
            cache.put(i, "v" + i);
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(99)).isEqualTo("v99");
    }

    @Test
    void shouldReplaceAnExistingKeyWithoutEvicting() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(2);
        cache.put(1, "a");
        cache.put(2, "b");

        cache.put(2, "c");

        assertThat(cache.get(1)).isEqualTo("a");
        assertThat(cache.get(2)).isEqualTo("c");
    }
}
