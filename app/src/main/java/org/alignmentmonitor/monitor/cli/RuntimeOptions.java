package org.alignmentmonitor.monitor.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.config.MonitorConfig;
import picocli.CommandLine.Option;

/** Options every command that runs the monitor shares. */
final class RuntimeOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded broker and the state stores keep their data.")
    Path dataDir;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file: monitor.* settings, schema.registry.* settings, and any Kafka client setting.")
    Path configFile;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP API port (0 picks a free one).")
    Integer httpPort;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE", description = "Overrides one setting; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** Command defaults, then the config file, then AM_* environment variables, then these options. */
    MonitorConfig load(Path defaultDataDir, int defaultHttpPort) {
        Map<String, String> defaults = Map.of(
                "monitor.data.dir", defaultDataDir.toString(),
                "monitor.http.port", String.valueOf(defaultHttpPort));
        Map<String, String> overrides = new HashMap<>(settings);
        if (dataDir != null) {
            overrides.put("monitor.data.dir", dataDir.toString());
        }
        if (httpPort != null) {
            overrides.put("monitor.http.port", String.valueOf(httpPort));
        }
        return ConfigLoader.load(defaults, configFile, System.getenv(), overrides);
    }
}
