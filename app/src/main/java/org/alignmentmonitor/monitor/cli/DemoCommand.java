package org.alignmentmonitor.monitor.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import org.alignmentmonitor.connectors.KafkaRecordSink;
import org.alignmentmonitor.connectors.synthetic.SyntheticConfig;
import org.alignmentmonitor.connectors.synthetic.SyntheticTrafficGenerator;
import org.alignmentmonitor.connectors.synthetic.SyntheticTrafficRunner;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.config.MonitorConfig;
import org.alignmentmonitor.monitor.demo.CheckpointRun;
import org.alignmentmonitor.monitor.demo.DemoLabeller;
import org.alignmentmonitor.monitor.demo.SyntheticTrafficFile;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.streams.topology.DeadLetterTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole product on one machine: embedded broker and registry, synthetic traffic from several
 * model versions (one regresses after 90 s), the topology, the API and a live table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole product on the embedded broker with synthetic traffic and prints live per-version rates.",
                "Ctrl-C stops it cleanly; --duration stops it by itself."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions options;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (e.g. 90s, 10m); default: run until Ctrl-C.")
    String duration;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "200", description = "Synthetic interactions per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--traffic", paramLabel = "FILE",
            description = "YAML file of versions, weights, true failure rates and regressions (default: four built-in versions, one regressing after 90 s).")
    Path trafficFile;

    @Option(names = "--bucket", paramLabel = "DURATION", defaultValue = "10s",
            description = "Statistics bucket length (default: ${DEFAULT-VALUE}; the product's default is 1m): short buckets let the demo's one-minute alert window slide smoothly.")
    String bucket;

    @Option(names = "--review-budget", paramLabel = "N", defaultValue = "3000",
            description = "Review items per version per hour (default: ${DEFAULT-VALUE}; the product's default is 50): the demo's stand-in labeller keeps up with many.")
    long reviewBudget;

    @Option(names = "--no-auto-label", description = "Leave every review task to humans (by default a stand-in labeller labels 80% from the synthetic truth).")
    boolean noAutoLabel;

    @Option(names = "--no-checkpoints", description = "Leave out the short synthetic training run in checkpoint mode (process page).")
    boolean noCheckpoints;

    @Option(names = "--print-every", paramLabel = "DURATION", defaultValue = "5s", description = "Table refresh period (default: ${DEFAULT-VALUE}).")
    String printEvery;

    @Override
    public Integer call() throws Exception {
        Duration runFor = duration == null ? null : ConfigLoader.parseDuration(duration);
        Duration period = ConfigLoader.parseDuration(printEvery);
        if (!(rate > 0 && rate <= 100_000)) {
            throw new IllegalArgumentException("--rate must be in (0, 100000], got " + rate);
        }
        SyntheticConfig traffic = trafficFile == null ? SyntheticConfig.defaults() : SyntheticTrafficFile.load(trafficFile);
        PrintStream out = System.out;
        out.println("alignment-monitor demo: starting the embedded Kafka broker, schema registry and topology...");
        MonitorConfig config = options.load(Path.of("data"), 8080);
        // The demo ships alert rules tuned to its synthetic traffic and delivers to its own signed-webhook receiver.
        config = config.withAlerting(config.alerting().forDemo()).withBucketSize(ConfigLoader.parseDuration(bucket))
                .withSampling(config.sampling().withBudgetPerHour(reviewBudget))
                // No LLM endpoint in the demo: the learned classifier, trained from the stand-in labeller, is its judge.
                .withJudges(config.judges().withLearned(true));
        MonitorRuntime runtime = MonitorRuntime.connect(config).startProcessing(config.classifierSuite());
        String topic = runtime.config().topics().interactions();
        KafkaRecordSink sink = new KafkaRecordSink(runtime.clientConfig(), topic, DeadLetterTopics.of(topic),
                runtime.topics().interactions().valueSerde().serializer());
        SyntheticTrafficRunner generator = new SyntheticTrafficRunner(
                new SyntheticTrafficGenerator(traffic, seed, System.currentTimeMillis()), sink, rate, Clock.systemUTC());
        CheckpointRun checkpoints = noCheckpoints ? null
                : new CheckpointRun(runtime.clientConfig(), sink, runtime.topics().judgments(), seed, System.currentTimeMillis());
        DemoLabeller labeller = noAutoLabel ? null : new DemoLabeller(runtime.clientConfig(), runtime.config().applicationId(), runtime.topics(), runtime.tails());
        OnceCloser closer = new OnceCloser(generator::stop, () -> {
            if (checkpoints != null) {
                checkpoints.close();
            }
        }, sink, () -> {
            if (labeller != null) {
                labeller.close();
            }
        }, runtime);
        Shutdown.onExit(closer);
        generator.start();
        if (checkpoints != null) {
            checkpoints.start();
        }
        String base = "http://" + runtime.config().httpHost() + ":" + runtime.api().port();
        out.printf("Dashboard: %s/   API: %s/api/v1/versions   metrics: %s/metrics%n", base, base, base);
        out.printf("Alerts: %s/api/v1/alerts   webhook receiver: %s/demo/webhook   data: %s   (Ctrl-C to stop)%n",
                base, base, runtime.dataDir().toAbsolutePath());
        if (checkpoints != null) {
            out.printf("Training process %s releases a checkpoint every %d s: %s/process.html?id=%s%n", CheckpointRun.PROCESS,
                    CheckpointRun.RELEASE_EVERY.toSeconds(), base, CheckpointRun.PROCESS);
        }
        traffic.regressions().forEach(r -> out.printf("The synthetic %s:%s regresses %d s after the start.%n", r.model(), r.version(), r.after().toSeconds()));

        LiveTable table = new LiveTable(runtime.streamsApp().stores());
        long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        while (!Shutdown.exiting() && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(period.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (!Shutdown.exiting()) {
                out.printf("%n%s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
                out.print(table.render(System.currentTimeMillis()));
            }
        }
        if (!Shutdown.exiting()) {
            closer.close();
        } else {
            Shutdown.awaitExit();
        }
        out.println("demo stopped; its data stays in " + runtime.dataDir().toAbsolutePath());
        return 0;
    }
}
