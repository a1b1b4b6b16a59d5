package org.alignmentmonitor.monitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.monitor.export.ExportManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Takes an export of a window from a running monitor ({@code GET /api/v1/export}) into a directory and checks every
 * file against the manifest's SHA-256; then {@code ./monitor estimate --export DIR} recomputes the API's figures.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Downloads the export of one model version's window from a running monitor into --out:",
                "per-bucket statistics and labelled items (JSONL and CSV) with a manifest of SHA-256 digests."})
final class ExportCommand implements Callable<Integer> {

    private static final long MAX_FILE_BYTES = 2L * 1024 * 1024 * 1024;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The monitor's HTTP API (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding an auditor's or admin's token, needed when the monitor has auth on (a file keeps it out of ps).")
    Path tokenFile;

    @Option(names = "--model", required = true)
    String model;

    @Option(names = "--version", required = true)
    String version;

    @Option(names = "--from", description = "Window start: ISO-8601 instant or epoch milliseconds (default: all time).")
    String from;

    @Option(names = "--to", description = "Window end, exclusive (default: now).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the export to (created; must be empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
        StringBuilder query = new StringBuilder("model=").append(encode(model)).append("&version=").append(encode(version));
        if (from != null) {
            query.append("&from=").append(encode(from));
        }
        if (to != null) {
            query.append("&to=").append(encode(to));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("/api/v1/export?" + query)).timeout(Duration.ofMinutes(10)).GET();
        if (tokenFile != null) {
            request.header("Authorization", "Bearer " + Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
        }
        HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (answer.statusCode() != 200) {
            try (InputStream body = answer.body()) {
                throw new IllegalArgumentException("the monitor answered " + answer.statusCode() + ": "
                        + new String(body.readNBytes(4096), StandardCharsets.UTF_8));
            }
        }
        unzip(answer.body());
        ExportManifest manifest = ExportManifest.readVerified(out, new ObjectMapper());
        System.out.printf("export of %s:%s [%s, %s) in %s: %d files checked against manifest.json (SHA-256 %s)%n", manifest.model(),
                manifest.version(), manifest.from(), manifest.to(), out, manifest.files().size(),
                answer.headers().firstValue("X-Export-Manifest-SHA256").orElse("?"));
        return 0;
    }

    /** Only plain file names are written: an entry naming a path outside {@code out} is refused. */
    private void unzip(InputStream body) throws IOException {
        Files.createDirectories(out);
        try (ZipInputStream zip = new ZipInputStream(body)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.getName().matches("[a-z0-9._-]{1,64}")) {
                    throw new IllegalArgumentException("refusing export entry with an unsafe name: " + e.getName());
                }
                Path target = out.resolve(e.getName());
                if (Files.exists(target)) {
                    throw new IllegalArgumentException(target + " already exists; give an empty --out directory");
                }
                byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_FILE_BYTES));
                Files.write(target, bytes);
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
