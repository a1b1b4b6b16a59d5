package org.alignmentmonitor.monitor.cli;

import org.alignmentmonitor.schemas.AvroTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./monitor}: the command-line entry point. */
@Command(name = "monitor", mixinStandardHelpOptions = true, version = "alignment-monitor 0.1.0",
        description = "Watches LLM traffic and reports how often each model version is obviously misaligned.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, EstimateCommand.class, SimulateCommand.class,
                EvaluateCommand.class, CertifyCommand.class, VerifyCertificateCommand.class,
                ExportCommand.class})
public final class MonitorCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        AvroTrust.install();
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MonitorCli());
        // Configuration errors are the user's to fix: show the message, not a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }
}
