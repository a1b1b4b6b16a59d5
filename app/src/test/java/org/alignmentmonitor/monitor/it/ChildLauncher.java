package org.alignmentmonitor.monitor.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Starts the same monitor again and again: one data dir, one HTTP port, one set of settings; logs per start. */
record ChildLauncher(Path dir, int httpPort, Map<String, String> settings) {

    ChildLauncher {
        settings = Map.copyOf(settings);
    }

    ChildRun start(String name) throws IOException {
        return ChildRun.start(dir.resolve("logs"), name, dir.resolve("monitor"), httpPort, settings);
    }
}
