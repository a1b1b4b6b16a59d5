package org.alignmentmonitor.monitor.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.alignmentmonitor.monitor.cli.MonitorCli;

/** Runs {@code ./monitor ARGS} in a separate JVM on the test class path, so a test can kill it for real. */
final class ChildMonitor {

    private ChildMonitor() {
    }

    static Process start(Path stdout, Path stderr, List<String> args) throws IOException {
        return start(stdout, stderr, args, Map.of());
    }

    /** With extra environment variables, e.g. {@code MONITOR_LOG_LEVEL=INFO} for the product's progress lines. */
    static Process start(Path stdout, Path stderr, List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        // The product's logging (to stderr), not the tests' (to stdout): stdout carries the command's output.
        command.add("-Dlog4j2.configurationFile=log4j2.xml");
        command.add(MonitorCli.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .directory(new File("."));
        builder.environment().putAll(environment);
        return builder.start();
    }
}
