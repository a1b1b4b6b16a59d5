package org.alignmentmonitor.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of the Kafka Streams threads: what the topology costs per interaction. It moves less with the load of
 * the shared machine than the wall-clock rate does, but it still moves (about 21 to 44 µs per interaction for the
 * same code at load 10 and 18, from cache and core sharing), so compare runs taken back to back.
 */
final class StreamThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The processing threads themselves, not their producers' network threads (named after them). */
    private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+");

    /** CPU time each stream thread had used when measuring began; threads started later count from zero. */
    private final Map<Long, Long> atStart;

    private StreamThreadCpu(Map<Long, Long> atStart) {
        this.atStart = atStart;
    }

    static StreamThreadCpu start() {
        return new StreamThreadCpu(streamThreadCpu());
    }

    /** CPU nanoseconds the stream threads used since {@link #start()}. */
    long nanosSinceStart() {
        long total = 0;
        for (Map.Entry<Long, Long> now : streamThreadCpu().entrySet()) {
            total += now.getValue() - atStart.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    int threads() {
        return streamThreadCpu().size();
    }

    /** CPU nanoseconds of the whole JVM: broker, producers and JIT included. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<Long, Long> streamThreadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && STREAM_THREAD.matcher(info.getThreadName()).matches()) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
