package org.alignmentmonitor.monitor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.alignmentmonitor.simulation.SimulationMain;
import org.alignmentmonitor.simulation.SuiteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Regenerates the simulation report: the estimators checked against streams with a known true rate. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs the estimator simulations (coverage at 0.5%..20%, anytime-valid certification,",
                "prediction-powered vs labels-only width) with fixed seeds and writes a Markdown report."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "docs/simulation-report.md", paramLabel = "FILE", description = "Report to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--runs", defaultValue = "" + SuiteOptions.DEFAULT_RUNS, description = "Runs per scenario (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "" + SuiteOptions.DEFAULT_SEED, description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Fewer runs and scenarios, for a look in seconds.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        SimulationMain.run(new SuiteOptions(runs, seed, quick), out, System.err);
        System.out.println("wrote " + out);
        return 0;
    }
}
