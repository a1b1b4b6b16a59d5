package org.alignmentmonitor.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Heap in use right after the last collection of each heap pool: what the live data needs, unlike
 * "heap used", which also counts garbage not yet collected. A flat series means no leak.
 */
final class HeapAfterGc {

    private HeapAfterGc() {
    }

    static long bytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                sum += afterGc.getUsed();
            }
        }
        return sum;
    }
}
