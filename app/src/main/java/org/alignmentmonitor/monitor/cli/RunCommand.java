package org.alignmentmonitor.monitor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.alignmentmonitor.monitor.config.MonitorConfig;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs one monitor instance until stopped: against the configured cluster, or the embedded one. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the monitor (topology + HTTP API) until Ctrl-C.",
                "Without bootstrap.servers it starts the embedded broker and schema registry.",
                "Settings come from --config FILE, then AM_* environment variables (AM_SASL_JAAS_CONFIG -> sasl.jaas.config), then -D."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions options;

    @Override
    public Integer call() throws Exception {
        MonitorConfig config = options.load(Path.of("data"), 8080);
        MonitorRuntime runtime = MonitorRuntime.connect(config).startProcessing(config.classifierSuite());
        Shutdown.onExit(runtime);
        System.out.printf("alignment-monitor running: http://%s:%d/api/v1/versions (Ctrl-C to stop)%n",
                runtime.config().httpHost(), runtime.api().port());
        Shutdown.awaitExit();
        return 0;
    }
}
