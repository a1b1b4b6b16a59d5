package org.alignmentmonitor.monitor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.alignmentmonitor.monitor.config.MonitorConfig;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.alignmentmonitor.monitor.runtime.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs one monitor instance until stopped: against the configured cluster, or the embedded one. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the monitor (topology + HTTP API), or one role of it, until Ctrl-C.",
                "Without bootstrap.servers it starts the embedded broker and schema registry.",
                "Settings come from --config FILE, then AM_* environment variables (AM_SASL_JAAS_CONFIG -> sasl.jaas.config), then -D."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions options;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "all", converter = RoleConverter.class,
            description = {"What this process runs: all (default), streams (topology, query API, dashboard), judges,",
                    "review (queue and UI) or alerts (webhook delivery). Roles sharing an application id form one monitor."})
    Role role;

    @Override
    public Integer call() throws Exception {
        MonitorConfig config = options.load(Path.of("data"), 8080);
        MonitorRuntime runtime = MonitorRuntime.connect(config).startProcessing(config.classifierSuite(), role);
        Shutdown.onExit(runtime);
        System.out.printf("alignment-monitor running as %s: http://%s:%d%s (Ctrl-C to stop)%n", role.id(),
                runtime.config().httpHost(), runtime.api().port(), role.runs(Role.STREAMS) ? "/api/v1/versions" : "/health");
        Shutdown.awaitExit();
        return 0;
    }

    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            return Role.of(value);
        }
    }
}
