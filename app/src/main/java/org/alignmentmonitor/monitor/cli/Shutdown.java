package org.alignmentmonitor.monitor.cli;

import java.util.concurrent.CountDownLatch;

/** Ctrl-C handling: close what is running in order, then let the main thread return. */
final class Shutdown {

    private static final CountDownLatch EXITING = new CountDownLatch(1);
    private static final CountDownLatch CLOSED = new CountDownLatch(1);

    private Shutdown() {
    }

    static void onExit(AutoCloseable resource) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            EXITING.countDown();
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e.getMessage());
            } finally {
                CLOSED.countDown();
            }
        }, "monitor-shutdown"));
    }

    static boolean exiting() {
        return EXITING.getCount() == 0;
    }

    /** Blocks until the JVM is asked to stop and the resources are closed. */
    static void awaitExit() throws InterruptedException {
        EXITING.await();
        CLOSED.await();
    }
}
