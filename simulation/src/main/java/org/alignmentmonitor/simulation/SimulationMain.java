package org.alignmentmonitor.simulation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the simulation report; {@code ./monitor simulate} is its command line. */
public final class SimulationMain {

    private SimulationMain() {}

    /** Runs the suite, writes the Markdown report to {@code out} and says on {@code log} how long it took. */
    public static SimulationReport run(SuiteOptions options, Path out, PrintStream log) throws IOException {
        long start = System.nanoTime();
        SimulationReport report = SimulationSuite.runAll(options);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, report.toMarkdown(), StandardCharsets.UTF_8);
        log.printf("wrote %s in %.1f s%n", out, (System.nanoTime() - start) / 1e9);
        return report;
    }
}
