package org.alignmentmonitor.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.alignmentmonitor.avro.Interaction;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.schemas.AvroTrust;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Live traffic at a steady rate. First {@code --prime} interactions are sent and counted, so start-up,
 * JIT and lazily loaded rule models are behind us; then real interactions with fresh ids and the
 * current time as event time are sent at {@code --rate} per second while {@code GET /api/v1/rates} is polled for every version.
 * When the counts first reach k, the k-th sent interaction counts as visible: its latency is that
 * poll's time minus its send time (an upper bound by up to one poll interval plus the producer's
 * linger). Every {@code --sample} it prints the heap in use after garbage collection, so a leak
 * shows as a rising series.
 */
@Command(name = "steady-rate", mixinStandardHelpOptions = true)
public final class SteadyRateBenchmark implements Callable<Integer> {

    @Option(names = "--traffic", required = true, description = "Directory of OpenAI-style JSONL logs (.jsonl or .jsonl.gz, e.g. testdata/traffic).")
    Path traffic;

    @Option(names = "--rate", defaultValue = "2000", description = "Interactions sent per second.")
    int rate;

    @Option(names = "--duration", defaultValue = "PT3M", description = "How long to send (ISO-8601 duration).")
    Duration duration;

    @Option(names = "--prime", defaultValue = "30000", description = {"Interactions sent unpaced, and counted, before the timed run:",
            "start-up, JIT and lazily loaded rule models are then behind us."})
    int prime;

    @Option(names = "--sample", defaultValue = "PT30S", description = "Period of the heap series.")
    Duration samplePeriod;

    @Option(names = "--full-gc", description = "Force a full GC before each heap sample: the live set exactly, at the cost of a pause.")
    boolean fullGc;

    @Option(names = "--histogram", description = "Print the classes whose live bytes grew most between the first heap sample and the end of sending.")
    boolean histogram;

    @Option(names = "--poll", defaultValue = "PT0.1S")
    Duration poll;

    @Option(names = "--partitions", defaultValue = "3")
    int partitions;

    @Option(names = "--no-classifiers")
    boolean noClassifiers;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE")
    Map<String, String> extra = new HashMap<>();

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(new CommandLine(new SteadyRateBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Interaction> sample = RealTraffic.load(traffic);
        Set<List<String>> versions = new LinkedHashSet<>();
        sample.forEach(i -> versions.add(List.of(i.getModel(), i.getVersion())));
        Map<String, String> settings = new HashMap<>(Map.of(
                "monitor.data.dir", Files.createTempDirectory("am-steady").toString(),
                "monitor.http.port", "0",
                "monitor.topics.partitions", String.valueOf(partitions)));
        settings.putAll(extra);
        int total = prime + (int) (rate * duration.toMillis() / 1000);
        long[] sentAt = new long[total];
        long[] latency = new long[total];
        try (MonitorRuntime runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))) {
            runtime.startProcessing(noClassifiers ? ClassifierSuite.of("none", List.of()) : ClassifierSuite.defaults());
            RatesClient client = new RatesClient(runtime.api().port());
            HeapAfterGc heap = new HeapAfterGc();
            AtomicInteger sent = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            send(runtime, sample, sentAt, 0, prime, 0, sent, failure);
            long primeDeadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (counted(client, versions) < prime && failure.get() == null) {
                if (System.nanoTime() > primeDeadline) {
                    throw new IllegalStateException("the priming interactions were not all counted");
                }
                LockSupport.parkNanos(poll.toNanos());
            }
            Thread sender = new Thread(() -> send(runtime, sample, sentAt, prime, total, rate, sent, failure), "steady-sender");
            long start = System.nanoTime();
            sender.start();
            System.out.printf("rate=%d/s duration=%s classifiers=%s partitions=%d settings=%s%n", rate, duration,
                    noClassifiers ? "none" : "default", partitions, extra);
            System.out.println("  t(s)   sent  visible      lag  heap-after-GC(MB)");
            int visible = prime;
            long nextSample = start;
            long drainDeadline = Long.MAX_VALUE;
            ClassHistogram first = histogram ? ClassHistogram.take() : null;
            ClassHistogram last = null;
            while (visible < total && System.nanoTime() < drainDeadline && failure.get() == null) {
                long count = counted(client, versions);
                long seenAt = System.nanoTime();
                for (int k = visible; k < Math.min(count, total); k++) {
                    latency[k] = seenAt - sentAt[k];
                }
                visible = (int) Math.max(visible, Math.min(count, total));
                if (seenAt >= nextSample) {
                    long heapBytes = fullGc ? HeapAfterGc.afterFullGc() : heap.latest();
                    System.out.printf("%6.0f %6d %8d %8d %10.1f%n", (seenAt - start) / 1e9, sent.get() - prime, visible - prime, sent.get() - visible,
                            heapBytes / 1048576.0);
                    nextSample += samplePeriod.toNanos();
                }
                if (!sender.isAlive() && drainDeadline == Long.MAX_VALUE) {
                    last = histogram ? ClassHistogram.take() : null;
                    drainDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                }
                LockSupport.parkNanos(poll.toNanos());
            }
            sender.join();
            if (failure.get() != null) {
                throw new IllegalStateException("sending failed", failure.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] measured = new long[visible - prime];
            System.arraycopy(latency, prime, measured, 0, measured.length);
            System.out.printf("timed run: visible %,d of %,d sent (%,.0f/s over %.0f s, including the drain)%n", visible - prime, total - prime,
                    (visible - prime) / seconds, seconds);
            System.out.printf("append-to-visible latency: %s%n", Percentiles.ofNanos(measured, measured.length));
            printByPeriod(sentAt, latency, start, visible);
            printAfterFirstPeriod(sentAt, latency, start, visible);
            if (last != null) {
                System.out.println("classes grown most from the first sample to the end of sending (live bytes after a full GC):");
                last.growthSince(first, 15).forEach(line -> System.out.println("  " + line));
            }
        }
        return 0;
    }

    /** Latency of the interactions sent in each heap-sample period: shows a start-up backlog apart from the steady state. */
    private void printByPeriod(long[] sentAt, long[] latency, long start, int visible) {
        long period = samplePeriod.toNanos();
        int k = prime;
        while (k < visible) {
            long periodStart = start + (sentAt[k] - start) / period * period;
            int first = k;
            while (k < visible && sentAt[k] < periodStart + period) {
                k++;
            }
            long[] slice = java.util.Arrays.copyOfRange(latency, first, k);
            System.out.printf("  sent in [%4.0f s, %4.0f s): %s%n", (periodStart - start) / 1e9, (periodStart - start + period) / 1e9,
                    Percentiles.ofNanos(slice, slice.length));
        }
    }

    /** One line for the steady state: everything sent after the first sample period, which carries the priming backlog. */
    private void printAfterFirstPeriod(long[] sentAt, long[] latency, long start, int visible) {
        long from = start + samplePeriod.toNanos();
        long[] slice = new long[visible - prime];
        int n = 0;
        for (int k = prime; k < visible; k++) {
            if (sentAt[k] >= from) {
                slice[n++] = latency[k];
            }
        }
        System.out.printf("append-to-visible latency, sent after the first %ss: %s%n", samplePeriod.toSeconds(), Percentiles.ofNanos(slice, n));
    }

    private static long counted(RatesClient client, Set<List<String>> versions) throws Exception {
        long to = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
        long count = 0;
        for (List<String> v : versions) {
            count += client.interactions(v.get(0), v.get(1), 0, to);
        }
        return count;
    }

    /**
     * Sends interactions {@code from} to {@code to} at {@code perSecond} (0: as fast as the producer takes them);
     * the send time of each is what its latency counts from.
     */
    private static void send(MonitorRuntime runtime, List<Interaction> sample, long[] sentAt, int from, int to, int perSecond,
                             AtomicInteger sent, AtomicReference<Throwable> failure) {
        String topic = runtime.config().topics().interactions();
        Serializer<Interaction> serializer = runtime.topics().interactions().valueSerde().serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaRecordSink.withDefaults(new HashMap<>(runtime.clientConfig())),
                new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = from; i < to && failure.get() == null; i++) {
                long wait = perSecond == 0 ? 0 : start + (long) (i - from) * 1_000_000_000L / perSecond - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Interaction template = sample.get(i % sample.size());
                Interaction live = Interaction.newBuilder(template).setId(template.getId() + "-s" + i).setEventTime(Instant.now()).build();
                byte[] value = serializer.serialize(topic, live);
                sentAt[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, live.getId(), value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}
