package org.alignmentmonitor.monitor.runtime;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps {@code /metrics} within Prometheus naming rules ({@code promtool check metrics}). The
 * Kafka clients report some timings in nanoseconds or milliseconds under abbreviated unit names,
 * per-node latencies without help text and gauges ending in {@code _count} (a suffix Prometheus
 * reserves for histograms): those timings and per-node series are dropped (the seconds-based and
 * per-client figures remain), the gauges renamed ({@code _connections}, else {@code _items}).
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
                        String name = id.getName();
                        if (name.endsWith(".connection.count")) {
                            return id.withName(name.replace(".connection.count", ".connections"));
                        }
                        // "_count" is reserved for histogram and summary series in Prometheus.
                        return id.getType() != Meter.Type.COUNTER && name.endsWith(".count")
                                ? id.withName(name.substring(0, name.length() - ".count".length()) + ".items")
                                : id;
                    }
                });
    }

    private static boolean abbreviatedUnit(String name) {
        return name.contains(".ns.") || name.endsWith(".ns") || name.endsWith(".ms") || name.contains(".ms.")
                || "process.cpu.time".equals(name);
    }
}
