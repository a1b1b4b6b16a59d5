package org.alignmentmonitor.schemas.registry;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lock-free map with a size bound, for lookups on the per-record hot path. Eviction removes an
 * arbitrary entry rather than the least recently used one: entries are cheap to fetch again and the
 * working set (schemas in use) is normally far below the bound, which only guards against unbounded
 * growth, e.g. from a topic full of random schema ids.
 */
final class BoundedCache<K, V> {

    private final int capacity;
    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    V get(K key) {
        return map.get(key);
    }

    void put(K key, V value) {
        if (map.size() >= capacity && !map.containsKey(key)) {
            Iterator<K> keys = map.keySet().iterator();
            if (keys.hasNext()) {
                map.remove(keys.next());
            }
        }
        map.put(key, value);
    }

    int size() {
        return map.size();
    }
}
