package org.alignmentmonitor.monitor.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.alignmentmonitor.estimators.BucketEstimatorState;
import org.alignmentmonitor.estimators.EstimationOptions;
import org.alignmentmonitor.estimators.Estimator;
import org.alignmentmonitor.estimators.Estimates;
import org.alignmentmonitor.monitor.estimate.AuditInput;
import org.alignmentmonitor.monitor.estimate.AuditReport;
import org.alignmentmonitor.monitor.export.BucketRow;
import org.alignmentmonitor.monitor.export.ExportBundle;
import org.alignmentmonitor.monitor.export.ExportManifest;
import org.alignmentmonitor.streams.rates.EstimatorInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The auditor's recompute: every estimator from raw per-interaction data, with no Kafka involved,
 * so a published figure can be checked by anyone holding the scores, labels and inclusion
 * probabilities.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = {"Recomputes every estimator from a JSONL file of interactions: one object per line with",
                "score (in [0,1]), label (MISALIGNED, ALIGNED, AMBIGUOUS, or null when not reviewed), pi (inclusion",
                "probability in (0,1], needed when labelled) and optionally flagged (default: score >= --threshold);",
                "or, with --export, from the per-bucket statistics of an export (digests checked first): the API's figures."})
final class EstimateCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE", description = "JSONL file, one interaction per line.")
    Path input;

    @Option(names = "--export", paramLabel = "DIR", description = "An export directory (./monitor export): sums its buckets.jsonl.")
    Path export;

    @Option(names = "--alpha", defaultValue = "0.05", description = "Two-sided level of every interval (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Score at or above which an item counts as flagged when the line has no 'flagged' (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--json", description = "Print JSON (the default is a short text summary).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be in (0, 1), got " + alpha);
        }
        if ((input == null) == (export == null)) {
            throw new IllegalArgumentException("give exactly one of --input FILE and --export DIR");
        }
        BucketEstimatorState state = input != null ? read() : readExport();
        Estimates estimates = Estimator.estimate(state, EstimationOptions.withAlpha(alpha));
        AuditReport report = AuditReport.of(estimates, state);
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            System.out.print(report.toText());
        }
        return 0;
    }

    /** The exact sum of an export's buckets, as the API merged them; fails if any file differs from its manifest digest. */
    private BucketEstimatorState readExport() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ExportManifest.readVerified(export, mapper);
        List<BucketRow> rows = new ArrayList<>();
        for (String line : Files.readAllLines(export.resolve(ExportBundle.BUCKETS_JSONL), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(mapper.readValue(line, BucketRow.class));
            }
        }
        BucketEstimatorState state = EstimatorInputs.stateOf(BucketRow.sum(rows));
        if (state.interactions() == 0) {
            throw new IllegalArgumentException(export + " holds no interactions");
        }
        return state;
    }

    private BucketEstimatorState read() {
        BucketEstimatorState state = BucketEstimatorState.empty();
        ObjectMapper mapper = new ObjectMapper();
        long lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    state = AuditInput.parse(mapper, line, threshold).addTo(state);
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + input);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + input + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(input + " line " + lineNumber + ": " + e.getMessage());
        }
        if (state.interactions() == 0) {
            throw new IllegalArgumentException(input + " holds no interactions");
        }
        return state;
    }
}
