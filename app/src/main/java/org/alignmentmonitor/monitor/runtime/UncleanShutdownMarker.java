package org.alignmentmonitor.monitor.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that exists while the Streams client runs and is removed on a clean close, so the next
 * start knows whether the previous process was killed.
 *
 * <p>Why: after a kill under exactly-once, Kafka Streams finds stores without checkpoints, marks
 * every task corrupted and rebuilds it; on Kafka 4.3 that path occasionally left the client in
 * REBALANCING for minutes. Wiping the local state before start takes the ordinary restore path
 * instead, which rebuilds the same stores from the same changelogs.
 */
final class UncleanShutdownMarker {

    private final Path file;

    private UncleanShutdownMarker(Path file) {
        this.file = file;
    }

    /** The marker of application {@code applicationId} under {@code stateDir}, beside (not inside) its directory. */
    static UncleanShutdownMarker of(Path stateDir, String applicationId) {
        return new UncleanShutdownMarker(stateDir.resolve(applicationId + ".running"));
    }

    /** Whether a previous process started and never closed cleanly. */
    boolean previousRunCrashed() {
        return Files.exists(file);
    }

    void set() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
