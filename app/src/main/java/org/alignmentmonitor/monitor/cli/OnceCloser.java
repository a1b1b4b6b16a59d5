package org.alignmentmonitor.monitor.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Closes resources in the given order exactly once, whether the command ends by itself or by Ctrl-C. */
final class OnceCloser implements AutoCloseable {

    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    OnceCloser(AutoCloseable... resources) {
        this.resources = List.of(resources);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e.getMessage());
            }
        }
    }
}
