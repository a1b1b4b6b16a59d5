package org.alignmentmonitor.monitor.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system (tmpfs of a fixed size) mounted for one test, so "disk full" is the
 * kernel's ENOSPC and not a simulation. Needs Linux and the right to mount (root, or a container
 * with CAP_SYS_ADMIN); tests using it are skipped elsewhere.
 */
final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;
    private volatile boolean holding = true;
    private volatile long filled;
    private Thread hog;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    static SmallDisk mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        int exit = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString()));
        assumeTrue(exit == 0, "cannot mount a tmpfs here (needs Linux and root); disk-full test skipped");
        return new SmallDisk(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    /**
     * Fills the disk and keeps it full, as a runaway log writer would: a background writer takes
     * back at once any space that is freed. Without it the disk is not really full for RocksDB,
     * which trims its preallocated files on close and so finds room again.
     */
    void fillAndHold() throws IOException {
        OutputStream out = Files.newOutputStream(filler);
        hog = new Thread(() -> hold(out), "disk-filler");
        hog.setDaemon(true);
        hog.start();
    }

    private void hold(OutputStream out) {
        byte[] page = new byte[4096];
        try (out) {
            while (holding) {
                if (!tryWrite(out, page)) {
                    Thread.sleep(5);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException closing) {
            // The filler is deleted right after: nothing to keep.
        }
    }

    private boolean tryWrite(OutputStream out, byte[] page) {
        try {
            out.write(page);
            filled += page.length;
            return true;
        } catch (IOException full) {
            return false;
        }
    }

    /** Bytes the filler holds. */
    long filled() {
        return filled;
    }

    /** Stops holding the disk full and gives the space back. */
    void free() throws IOException, InterruptedException {
        holding = false;
        if (hog != null) {
            hog.join(10_000);
        }
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        free();
        // Lazy: a child that still holds files open must not keep the mount alive after the test.
        run(List.of("umount", "-l", mountPoint.toString()));
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
