package org.alignmentmonitor.monitor.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the same monitor again and again: one data dir, one HTTP port, one set of settings; logs
 * per start under {@code logDir}. Closing it kills any child still running, so a failed test
 * leaves no monitor behind.
 */
final class ChildLauncher implements AutoCloseable {

    private final Path logDir;
    private final Path dataDir;
    private final int httpPort;
    private final Map<String, String> settings;
    private final List<ChildRun> started = new ArrayList<>();

    ChildLauncher(Path logDir, Path dataDir, int httpPort, Map<String, String> settings) {
        this.logDir = logDir;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.settings = Map.copyOf(settings);
    }

    ChildRun start(String name) throws IOException {
        ChildRun child = ChildRun.start(logDir, name, dataDir, httpPort, settings);
        started.add(child);
        return child;
    }

    @Override
    public void close() throws InterruptedException {
        for (ChildRun child : started) {
            if (child.isAlive()) {
                child.kill();
            }
        }
    }
}
