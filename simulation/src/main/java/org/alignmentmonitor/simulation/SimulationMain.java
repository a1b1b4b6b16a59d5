package org.alignmentmonitor.simulation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the simulation report: {@code --out FILE.md} (default docs/simulation-report.md),
 * {@code --runs N}, {@code --seed S}, {@code --quick}.
 */
public final class SimulationMain {

    private SimulationMain() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of("docs/simulation-report.md");
        int runs = SuiteOptions.DEFAULT_RUNS;
        long seed = SuiteOptions.DEFAULT_SEED;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --out FILE.md [--runs N] [--seed S] [--quick]");
            }
        }
        run(new SuiteOptions(runs, seed, quick), out, System.err);
    }

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

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
