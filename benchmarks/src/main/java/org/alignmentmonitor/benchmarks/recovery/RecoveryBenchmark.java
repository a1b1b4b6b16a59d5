package org.alignmentmonitor.benchmarks.recovery;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Time back to work after {@code kill -9}: a child monitor JVM (embedded broker included) processes
 * N interactions and is killed with SIGKILL once all are counted and committed (or, with
 * {@code --kill-at K}, mid-stream once K are counted), leaving its data directory as a crash leaves
 * it; a second child starts on that directory. Reports the state size and, from the second JVM's
 * start, the time to Streams RUNNING, to all N counted and until a newly produced interaction is
 * counted. Fails unless the restarted monitor counts exactly N, then N + 1.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true)
public final class RecoveryBenchmark implements Callable<Integer> {

    @Option(names = "--interactions", defaultValue = "1000000")
    long interactions;

    @Option(names = "--kill-at", description = {"Kill the first child once this many interactions are counted, mid-stream;",
            "by default once all are counted and committed."})
    Long killAt;

    @Option(names = "--data-dir", description = "Where the children keep their data; a fresh temporary directory by default.")
    Path dataDir;

    @Option(names = "--classifiers", defaultValue = "none", description = "none (faster loading; the stores are the same) or default.")
    String classifiers;

    @Option(names = "--child-heap", defaultValue = "2g")
    String childHeap;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "Any monitor or Kafka setting, for both children.")
    Map<String, String> extra = new HashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new RecoveryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("am-recovery");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        System.out.printf("interactions=%d classifiers=%s settings=%s data=%s%n", interactions, classifiers, extra, dir);

        long loadStart = System.nanoTime();
        long killWhenCounted = killAt != null ? killAt : interactions;
        Process load = child(List.of("load", dir.toString(), Long.toString(interactions), classifiers, Long.toString(killWhenCounted)),
                logs.resolve("load.err"));
        String loaded = awaitLine(load, "LOADED", Duration.ofMinutes(45));
        long loadSeconds = (System.nanoTime() - loadStart) / 1_000_000_000;
        load.destroyForcibly();  // SIGKILL: no close, no checkpoint, the broker dies with it
        if (!load.waitFor(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the killed child did not exit");
        }
        System.out.printf("killed after %d s with %s interactions counted; state left behind:%n", loadSeconds,
                loaded.substring("LOADED ".length()));
        storeSizes(dir.resolve("streams")).forEach((store, bytes) -> System.out.printf("  %-40s %,15d bytes%n", store, bytes));
        System.out.println("changelogs to restore from (record bytes in the broker's log):");
        changelogSizes(dir.resolve("kafka").resolve("kafka-logs"))
                .forEach((topic, bytes) -> System.out.printf("  %-60s %,15d bytes%n", topic, bytes));

        Process restart = child(List.of("restart", dir.toString(), Long.toString(interactions), classifiers), logs.resolve("restart.err"));
        String result = awaitLine(restart, "RESULT", Duration.ofMinutes(15));
        if (!restart.waitFor(2, TimeUnit.MINUTES)) {
            restart.destroyForcibly();
        }
        Map<String, Long> r = parse(result);
        if (killAt == null && r.get("countAtRunning") != interactions) {
            throw new IllegalStateException("restarted monitor counted " + r.get("countAtRunning") + " of " + interactions);
        }
        System.out.printf("restart (ms since the JVM started): broker, registry and topics ready %,d; Streams RUNNING %,d "
                        + "(counted then: %,d); all %,d counted %,d; new interaction counted %,d%n",
                r.get("connectedMs"), r.get("runningMs"), r.get("countAtRunning"), interactions, r.get("caughtUpMs"),
                r.get("newRecordCountedMs"));
        System.out.printf("count after restart exactly %,d, then %,d with the new one%n", interactions, interactions + 1);
        return 0;
    }

    private Process child(List<String> args, Path stderr) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + childHeap,
                "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=log4j2.xml",
                RecoveryChild.class.getName()));
        command.addAll(args);
        extra.forEach((k, v) -> command.add(k + "=" + v));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .directory(new File(".")).start();
    }

    /** The first stdout line of {@code process} that starts with {@code prefix}. */
    private static String awaitLine(Process process, String prefix, Duration timeout) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } finally {
            watchdog.interrupt();
        }
        throw new IllegalStateException("child exited (" + process.waitFor() + ") or timed out before printing " + prefix
                + "; see its log in the data directory's logs/");
    }

    private static Map<String, Long> parse(String resultLine) {
        Map<String, Long> values = new HashMap<>();
        for (String field : resultLine.substring("RESULT ".length()).split(" ")) {
            String[] kv = field.split("=");
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        return values;
    }

    /**
     * Bytes per store, summed over tasks: key-value stores live in {@code <state>/<app>/<task>/rocksdb/<store>},
     * segmented (window) stores in {@code <state>/<app>/<task>/<store>}.
     */
    private static Map<String, Long> storeSizes(Path stateDir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        for (Path app : children(stateDir)) {
            for (Path task : children(app)) {
                for (Path store : children(task)) {
                    List<Path> stores = store.getFileName().toString().equals("rocksdb") ? children(store) : List.of(store);
                    for (Path s : stores) {
                        sizes.merge(s.getFileName().toString(), bytesUnder(s), Long::sum);
                    }
                }
            }
        }
        return sizes;
    }

    /** Bytes of record segments ({@code *.log}) per changelog topic, summed over partitions. */
    private static Map<String, Long> changelogSizes(Path logDir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        for (Path partition : children(logDir)) {
            String topic = partition.getFileName().toString().replaceFirst("-\\d+$", "");
            if (topic.endsWith("-changelog")) {
                try (Stream<Path> files = Files.list(partition)) {
                    sizes.merge(topic, files.filter(f -> f.toString().endsWith(".log")).mapToLong(f -> f.toFile().length()).sum(), Long::sum);
                }
            }
        }
        return sizes;
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).toList();
        }
    }

    private static long bytesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
