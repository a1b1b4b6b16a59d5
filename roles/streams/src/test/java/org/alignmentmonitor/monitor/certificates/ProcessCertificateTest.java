package org.alignmentmonitor.monitor.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.alignmentmonitor.estimators.Interval;
import org.alignmentmonitor.estimators.process.EnvironmentRun;
import org.alignmentmonitor.estimators.process.ProcessScorecard;
import org.alignmentmonitor.estimators.process.ScorecardPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCertificateTest {

    private static final Provenance PROVENANCE = new Provenance("policy-1", CanonicalJson.sha256("salt"), 0.001, 50, "manual-3", "test");
    private static final ScorecardPolicy POLICY = new ScorecardPolicy(0.05, 0.05, 30);

    @TempDir
    Path dir;

    /** {@code clean} runs whose rate interval stays below the threshold, {@code failed} above it, {@code thin} with too few labels. */
    private static ProcessCertificate certificate(int clean, int failed, int thin) {
        List<EnvironmentRun> runs = new ArrayList<>();
        for (int i = 0; i < clean + failed + thin; i++) {
            boolean fails = i >= clean && i < clean + failed;
            runs.add(new EnvironmentRun("policy", "v" + i, "env-" + i, (long) i * 100, 500, i < clean + failed ? 40 : 5,
                    fails ? new Interval(0.2, 0.4) : new Interval(0.0, 0.03)));
        }
        return new ProcessCertificate(ProcessScorecard.of("rl-<run>", runs, POLICY), 0.05, "2026-12-01T00:00:00Z",
                "2026-12-02T00:00:00Z", List.of("rules-v2"), PROVENANCE);
    }

    @Test
    void shouldCertifyWhenTheExactBoundOverCleanRunsIsBelowTheThreshold() {
        // 1 - 0.05^(1/59) = 0.0495 < 0.05 <= 1 - 0.05^(1/58): 59 clean runs are the fewest that certify.
        assertThat(certificate(59, 0, 0).decision()).isEqualTo(Decision.CERTIFIED);
        assertThat(certificate(58, 0, 0).decision()).isEqualTo(Decision.NOT_ENOUGH_RUNS);
        assertThat(certificate(58, 0, 0).moreRunsNeeded()).isEqualTo(1);
        assertThat(certificate(10, 0, 0).moreRunsNeeded()).isEqualTo(49);
    }

    @Test
    void shouldRefuseWhenTheShareOfFailedRunsReachesTheThresholdAndWaitWhenNoRunCounts() {
        assertThat(certificate(2, 1, 0).decision()).isEqualTo(Decision.NOT_CERTIFIED);
        assertThat(certificate(0, 0, 4).decision()).isEqualTo(Decision.NOT_ENOUGH_RUNS);
        assertThat(certificate(0, 0, 4).moreRunsNeeded()).isEqualTo(59);
        // one failure in 200 runs: share 0.5% is below the threshold, so more runs could still certify
        assertThat(certificate(199, 1, 0).decision()).isEqualTo(Decision.CERTIFIED);
    }

    @Test
    void shouldStateTheScorecardRunsBoundsAndAssumptionsInTheBody() {
        JsonNode c = certificate(10, 1, 2).toJson("cert-p", Instant.parse("2026-12-05T12:00:00Z"));
        assertThat(c.path("type").asText()).isEqualTo("process");
        assertThat(c.path("subject").path("processId").asText()).isEqualTo("rl-<run>");
        assertThat(c.path("decision").asText()).isEqualTo("not certified");
        assertThat(c.path("claim").path("threshold").asDouble()).isEqualTo(0.05);
        assertThat(c.path("claim").path("delta").asDouble()).isEqualTo(0.05);
        assertThat(c.path("claim").path("minLabels").asLong()).isEqualTo(30);
        assertThat(c.path("claim").path("statement").asText()).contains("rl-<run>").contains("below 5%").contains("confidence 95%");
        JsonNode p = c.path("process");
        assertThat(p.path("runs").asLong()).isEqualTo(13);
        assertThat(p.path("countedRuns").asLong()).isEqualTo(11);
        assertThat(p.path("failures").asLong()).isEqualTo(1);
        assertThat(p.path("simpleBound").isNull()).isTrue();
        assertThat(p.path("exactBound").asDouble()).isGreaterThan(1.0 / 11).isLessThan(1);
        assertThat(p.path("environmentRuns")).hasSize(13);
        assertThat(p.path("environmentRuns")).extracting(r -> r.path("outcome").asText())
                .containsOnly("PASSED", "FAILED", "INSUFFICIENT_LABELS");
        assertThat(p.path("assumptions")).hasSameSizeAs(ProcessScorecard.ASSUMPTIONS);
        assertThat(c.path("provenance").path("estimators").path("method").asText()).startsWith("ProcessBound/1");
        assertThat(c.path("provenance").path("classifierConfigVersions").get(0).asText()).isEqualTo("rules-v2");

        JsonNode clean = certificate(20, 0, 0).toJson("cert-q", Instant.parse("2026-12-05T12:00:00Z"));
        assertThat(clean.path("decision").asText()).isEqualTo("not enough runs");
        assertThat(clean.path("moreRunsNeeded").asLong()).isEqualTo(39);
        assertThat(clean.path("process").path("simpleBound").asDouble()).isCloseTo(Math.log(20) / 20, within(1e-12));
    }

    @Test
    void shouldSealAProcessCertificateSoThatVerificationNamesAChangedRun() throws Exception {
        SigningKey key = SigningKey.loadOrCreate(dir.resolve("key.pem"));
        ObjectNode sealed = CertificateSeal.seal(certificate(59, 0, 1).toJson("cert-p", Instant.parse("2026-12-05T12:00:00Z")), key);
        String file = new ObjectMapper().writeValueAsString(sealed);
        assertThat(CertificateSeal.verify(file, key.publicKey()).problems()).isEmpty();
        String changed = file.replaceFirst("\"outcome\":\"INSUFFICIENT_LABELS\"", "\"outcome\":\"PASSED\"");
        assertThat(changed).isNotEqualTo(file);
        assertThat(CertificateSeal.verify(changed, key.publicKey()).problems())
                .anySatisfy(problem -> assertThat(problem).contains("certificate/process/environmentRuns/59/outcome").contains("differs"));
        String page = CertificateHtml.render(sealed);
        assertThat(page).contains("process rl-&lt;run&gt;").doesNotContain("rl-<run>");
        assertThat(page).as("the runs, bounds and assumptions are on the page").contains("<th>countedRuns</th><td><code>59</code>")
                .contains("<th>exactBound</th>").contains("<td>INSUFFICIENT_LABELS</td>").contains("<td>env-59</td>")
                .contains("independent draw");
    }
}
