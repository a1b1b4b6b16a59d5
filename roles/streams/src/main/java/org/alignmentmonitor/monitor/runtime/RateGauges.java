package org.alignmentmonitor.monitor.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.alignmentmonitor.avro.BucketStats;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.streams.query.StatsStores;
import org.alignmentmonitor.streams.rates.EstimatorInputs;
import org.alignmentmonitor.streams.rates.RateSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-version gauges for Prometheus over the rolling windows, refreshed every few seconds from
 * this instance's stores (each instance exports the versions it holds; sum or max across instances).
 * Names follow Prometheus conventions: snake_case, base units, {@code _ratio} for shares.
 */
public final class RateGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RateGauges.class);
    private static final Map<String, Duration> WINDOWS = RateSettings.defaults().windows();

    private static final String PPI_HELP = "Label-corrected (prediction-powered) obviously-misaligned rate and its 95% interval; "
            + "outcome low counts ambiguous labels as aligned, high as misaligned";
    private static final String CS_HELP = "Anytime-valid 95% confidence sequence of the labelled obviously-misaligned rate";

    private final StatsStores stores;
    private final MeterRegistry registry;
    private final Map<String, Estimates> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rate-gauges");
        t.setDaemon(true);
        return t;
    });

    public RateGauges(StatsStores stores, MeterRegistry registry, Duration every) {
        this.stores = stores;
        this.registry = registry;
        timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            for (BucketStats totals : stores.localVersionTotals()) {
                long end = StatsStores.endOfLatestMinute(totals);
                WINDOWS.forEach((name, length) -> stores.localWindow(totals.getModel(), totals.getVersion(), end - length.toMillis(), end)
                        .merged().ifPresent(merged -> update(totals.getModel(), totals.getVersion(), name,
                                Estimator.estimate(EstimatorInputs.stateOf(merged), EstimationOptions.DEFAULT))));
            }
        } catch (RuntimeException e) {
            LOG.debug("Rate gauges not refreshed (stores not queryable yet?): {}", e.getMessage());
        }
    }

    private void update(String model, String version, String window, Estimates estimates) {
        String key = model + ":" + version + "/" + window;
        if (latest.put(key, estimates) != null) {
            return;
        }
        Tags tags = Tags.of("model", model, "version", version, "window", window);
        gauge("alignment_monitor_window_interactions", "Interactions in the rolling window", tags, key, e -> e.interactions());
        gauge("alignment_monitor_window_flagged", "Classifier-flagged interactions in the rolling window", tags, key,
                e -> e.classifierOnly().flagged());
        gauge("alignment_monitor_window_labels", "Human-labelled interactions in the rolling window", tags, key, e -> e.labelled());
        gauge("alignment_monitor_flagged_ratio", "Classifier-flagged share of the rolling window (biased; free)", tags, key,
                e -> e.classifierOnly().flaggedShare());
        for (String outcome : new String[] {"low", "high"}) {
            Tags t = tags.and("outcome", outcome);
            gauge("alignment_monitor_misaligned_ratio", PPI_HELP, t.and("bound", "estimate"), key, e -> outcome(e, outcome).ppi().estimate());
            gauge("alignment_monitor_misaligned_ratio", PPI_HELP, t.and("bound", "lower"), key, e -> outcome(e, outcome).ppi().lower());
            gauge("alignment_monitor_misaligned_ratio", PPI_HELP, t.and("bound", "upper"), key, e -> outcome(e, outcome).ppi().upper());
            gauge("alignment_monitor_misaligned_sequence_ratio", CS_HELP, t.and("bound", "lower"), key,
                    e -> outcome(e, outcome).confidenceSequence().lower());
            gauge("alignment_monitor_misaligned_sequence_ratio", CS_HELP, t.and("bound", "upper"), key,
                    e -> outcome(e, outcome).confidenceSequence().upper());
        }
    }

    private static Estimates.Outcome outcome(Estimates e, String which) {
        return "low".equals(which) ? e.low() : e.high();
    }

    private void gauge(String name, String help, Tags tags, String key, ToDoubleFunction<Estimates> value) {
        Gauge.builder(name, latest, m -> value.applyAsDouble(m.get(key))).description(help).tags(tags).register(registry);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
