package org.alignmentmonitor.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Where a run's whole-JVM cost goes: CPU time per thread group (broker, producers, stream threads...), and what the
 * broker wrote per topic (data records, transaction markers, bytes of log segments), both per interaction. The run is
 * one JVM with the embedded broker on two cores, so the whole JVM's CPU, not the stream thread's, sets its rate.
 */
final class RunBreakdown {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Clock ticks per second of /proc's per-thread times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    /** CPU nanoseconds per live thread id when measuring began; threads that end before the report are not counted. */
    private final Map<Long, Long> atStart;
    /** CPU ticks per OS thread id when measuring began, from /proc (empty elsewhere). */
    private final Map<String, Long> osAtStart;

    private RunBreakdown(Map<Long, Long> atStart, Map<String, Long> osAtStart) {
        this.atStart = atStart;
        this.osAtStart = osAtStart;
    }

    static RunBreakdown start() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            cpu.put(id, THREADS.getThreadCpuTime(id));
        }
        Map<String, Long> os = new HashMap<>();
        osThreads().forEach((tid, t) -> os.put(tid, t.ticks()));
        return new RunBreakdown(cpu, os);
    }

    /**
     * The JVM's own threads (GC, JIT compilers, VM thread) are invisible to {@link ThreadMXBean}; /proc lists every
     * OS thread with its CPU ticks and its name cut to 15 characters, so only those are reported from there.
     */
    void printJvmInternalCpu(long interactions) {
        Map<String, Long> byName = new TreeMap<>();
        osThreads().forEach((tid, t) -> {
            if (t.name().matches("(GC Thread|G1 |C1 Compiler|C2 Compiler|VM Thread|VM Periodic).*")) {
                byName.merge(t.name().replaceAll("#?\\d+$", "#"), t.ticks() - osAtStart.getOrDefault(tid, 0L), Long::sum);
            }
        });
        System.out.println("CPU of the JVM's own threads (/proc, µs/interaction):");
        byName.forEach((name, ticks) -> System.out.printf("  %-70s %8.2f%n", name, ticks / TICKS_PER_SECOND * 1e6 / interactions));
    }

    private record OsThread(String name, long ticks) {
    }

    private static Map<String, OsThread> osThreads() {
        Map<String, OsThread> threads = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return threads;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after the parenthesised name: state is 3rd, utime 14th and stime 15th of the whole line.
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = Files.readString(task.resolve("comm")).strip();
                    threads.put(task.getFileName().toString(), new OsThread(name, Long.parseLong(after[11]) + Long.parseLong(after[12])));
                } catch (IOException | RuntimeException e) {
                    // The thread ended while listing: it no longer counts.
                }
            }
        } catch (IOException e) {
            return threads;
        }
        return threads;
    }

    /** µs of CPU per interaction per thread group (digits in thread names folded), largest first. */
    void printThreadCpu(long interactions) {
        Map<String, Long> byGroup = new TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                long used = nanos - Math.max(0, atStart.getOrDefault(info.getThreadId(), 0L));
                byGroup.merge(group(info.getThreadName()), used, Long::sum);
            }
        }
        System.out.println("CPU per thread group (live threads, µs/interaction):");
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() / 1e3 / interactions >= 0.05)
                .forEach(e -> System.out.printf("  %-70s %8.2f%n", e.getKey(), e.getValue() / 1e3 / interactions));
    }

    /** Stream threads and their clients are named after a random application instance id; fold it and the digits. */
    static String group(String threadName) {
        return threadName.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>").replaceAll("\\d+", "#");
    }

    /** Per topic, summed over partitions, from the broker's log segments: data records, markers, batches, bytes. */
    static void printTopics(Path logDir, long interactions) throws IOException {
        Map<String, long[]> byTopic = new TreeMap<>();
        for (Path partition : children(logDir)) {
            String topic = partition.getFileName().toString().replaceFirst("-\\d+$", "");
            long[] tally = byTopic.computeIfAbsent(topic, t -> new long[4]);
            for (Path segment : segments(partition)) {
                try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
                    for (RecordBatch batch : records.batches()) {
                        long count = batch.lastOffset() - batch.baseOffset() + 1;
                        tally[batch.isControlBatch() ? 1 : 0] += count;
                        tally[2] += batch.isControlBatch() ? 0 : 1;
                        tally[3] += batch.sizeInBytes();
                    }
                }
            }
        }
        System.out.printf("broker log per topic, per interaction (of %,d): %n", interactions);
        System.out.printf("  %-70s %9s %9s %9s %9s%n", "topic", "records", "markers", "batches", "bytes");
        long[] total = new long[4];
        byTopic.forEach((topic, t) -> {
            if (t[0] + t[1] > 0) {
                System.out.printf("  %-70s %9.4f %9.4f %9.4f %9.1f%n", group(topic), (double) t[0] / interactions,
                        (double) t[1] / interactions, (double) t[2] / interactions, (double) t[3] / interactions);
                for (int i = 0; i < total.length; i++) {
                    total[i] += t[i];
                }
            }
        });
        System.out.printf("  %-70s %9.4f %9.4f %9.4f %9.1f%n", "all topics", (double) total[0] / interactions,
                (double) total[1] / interactions, (double) total[2] / interactions, (double) total[3] / interactions);
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).filter(d -> d.getFileName().toString().matches(".*-\\d+")).sorted().toList();
        }
    }

    private static List<Path> segments(Path partition) throws IOException {
        try (Stream<Path> files = Files.list(partition)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }
}
