package org.alignmentmonitor.monitor.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps {@code /metrics} within Prometheus naming rules ({@code promtool check metrics}). The
 * Kafka clients report some timings in nanoseconds or milliseconds under abbreviated unit names,
 * per-node latencies without help text and gauges ending in {@code _count}: those timings and
 * per-node series are dropped (the seconds-based and per-client figures remain), the gauges renamed.
 */
final class PrometheusNaming {

    private PrometheusNaming() {
    }

    static void apply(MeterRegistry registry) {
        registry.config()
                .meterFilter(MeterFilter.deny(id -> abbreviatedUnit(id.getName()) || id.getName().contains(".node.request.latency")))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().endsWith(".connection.count")
                                ? id.withName(id.getName().replace(".connection.count", ".connections"))
                                : id;
                    }
                });
    }

    private static boolean abbreviatedUnit(String name) {
        return name.contains(".ns.") || name.endsWith(".ns") || name.endsWith(".ms") || name.contains(".ms.")
                || "process.cpu.time".equals(name);
    }
}
