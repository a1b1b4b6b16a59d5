package org.alignmentmonitor.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap in use right after the latest garbage collection, as GC logs report it: unlike "heap used",
 * it does not count garbage made since. After a young collection it still holds old-generation
 * garbage not yet collected, so a series is a sawtooth; with {@link #afterFullGc()} it is the live set.
 */
final class HeapAfterGc {

    private final AtomicLong latest = new AtomicLong(-1);

    HeapAfterGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        latest.set(info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum());
                    }
                }, null, null);
            }
        }
    }

    /** After the latest collection of any kind; -1 before the first. */
    long latest() {
        return latest.get();
    }

    /** Forces a full collection and returns the heap in use after it. */
    static long afterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
