package org.alignmentmonitor.monitor.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.monitor.certificates.CertificateHtml;
import org.alignmentmonitor.monitor.runtime.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Asks a running monitor for a certificate (it holds the statistics and the signing key) and saves
 * the signed JSON and a printable HTML page of it.
 */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = {"Asks a running monitor to certify that a version's obviously-misaligned rate over [from, to) is below",
                "a bound at confidence 1 - alpha; saves the signed certificate (JSON) and a printable page (HTML).",
                "Decision: certified, not certified, or not enough labels (with how many more would decide it).",
                "With --process ID: certifies a training process's scorecard instead (failure probability of a fresh",
                "environment draw below --threshold at confidence 1 - --delta); decision certified, not certified or not enough runs."})
final class CertifyCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The monitor's HTTP API (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--model", description = "Rate certificate: the model version's model.")
    String model;

    @Option(names = "--version", description = "Rate certificate: the model version's version.")
    String version;

    @Option(names = "--from", description = "Window start: ISO-8601 instant or epoch milliseconds.")
    String from;

    @Option(names = "--to", description = "Window end (exclusive): ISO-8601 instant or epoch milliseconds.")
    String to;

    @Option(names = "--bound", description = "The rate claimed not to be reached, e.g. 0.02.")
    Double bound;

    @Option(names = "--process", paramLabel = "ID", description = "Certify this training process's scorecard instead of a version's rate.")
    String process;

    @Option(names = "--threshold", description = "With --process: a run fails above this rate; the claimed failure probability (default 0.02).")
    Double threshold;

    @Option(names = "--delta", description = "With --process: 1 - confidence of the process bound (default 0.05).")
    Double delta;

    @Option(names = "--min-labels", description = "With --process: labels a run needs to count (default 30).")
    Long minLabels;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding an auditor's or admin's token, needed when the monitor has auth on (a file keeps it out of ps).")
    Path tokenFile;

    @Option(names = "--alpha", defaultValue = "0.05", description = "1 - confidence (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--mode", defaultValue = "fixed", description = "fixed: the window is decided once; continuous: the stream is "
            + "watched and re-checked as labels arrive (confidence sequence). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--method", description = "For --mode fixed: ppi-corrected (default, valid for any review design) or "
            + "clopper-pearson (uniform review sample only).")
    String method;

    @Option(names = "--out", paramLabel = "FILE", description = "Certificate JSON to write (default: <id>.json); the HTML page goes beside it.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ObjectNode body = process != null ? processBody() : rateBody();
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("/api/v1/certificates"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
        if (tokenFile != null) {
            request.header("Authorization", "Bearer " + Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
        }
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalArgumentException("the monitor at " + url + " answered " + response.statusCode() + ": "
                    + TerminalText.safe(response.body()));
        }
        JsonNode doc = MAPPER.readTree(response.body());
        JsonNode c = doc.path("certificate");
        Path json = out != null ? out : Path.of(c.path("id").asText() + ".json");
        Path html = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".html");
        Files.writeString(json, MAPPER.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n", StandardCharsets.UTF_8);
        Files.writeString(html, CertificateHtml.render(doc), StandardCharsets.UTF_8);
        System.out.println(TerminalText.safe(c.path("decision").asText() + ": " + c.path("claim").path("statement").asText()));
        if (c.has("moreLabelsNeeded")) {
            System.out.println("about " + c.path("moreLabelsNeeded").asLong() + " more labels would decide it at the current rate");
        }
        if (c.has("moreRunsNeeded")) {
            System.out.println("about " + c.path("moreRunsNeeded").asLong() + " more clean runs would certify it");
        }
        System.out.println("wrote " + json + " and " + html);
        return 0;
    }

    private ObjectNode rateBody() {
        if (model == null || version == null || from == null || to == null || bound == null) {
            throw new IllegalArgumentException("a rate certificate needs --model, --version, --from, --to and --bound (or give --process ID)");
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model).put("version", version).put("from", from).put("to", to)
                .put("bound", bound).put("alpha", alpha).put("mode", mode);
        if (method != null) {
            body.put("method", method);
        }
        return body;
    }

    private ObjectNode processBody() {
        if (model != null || version != null || from != null || to != null || bound != null || method != null) {
            throw new IllegalArgumentException("--process certifies a training process: use --threshold, --delta, --min-labels and --alpha, "
                    + "not --model, --version, --from, --to, --bound or --method");
        }
        ObjectNode body = MAPPER.createObjectNode().put("type", "process").put("processId", process).put("alpha", alpha);
        if (threshold != null) {
            body.put("threshold", threshold);
        }
        if (delta != null) {
            body.put("delta", delta);
        }
        if (minLabels != null) {
            body.put("minLabels", minLabels);
        }
        return body;
    }
}
