package org.alignmentmonitor.monitor.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arithmetic behind the fault suite's figures: recount, lost/doubled, min/median/max. */
class FaultFiguresTest {

    @TempDir
    Path tmp;

    @Test
    void shouldRecountInteractionsPerModelVersionWhenReadingLogLines() throws Exception {
        Path log = tmp.resolve("a.jsonl");
        Files.write(log, List.of(
                "{\"request\": {\"model\": \"llama-2-chat:13b\"}, \"response\": {\"model\": \"ignored:x\"}}",
                "",
                "{\"request\": {\"model\": \"llama-2-chat:13b\"}}",
                "{\"response\": {\"model\": \"alpaca:7b\"}}",
                "{\"request\": {\"model\": \"plain\"}}"));

        assertThat(TrafficRecount.perVersion(List.of(log)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("llama-2-chat:13b", 2L, "alpaca:7b", 1L, "plain:unversioned", 1L));
    }

    @Test
    void shouldCountMissingAndExtraInteractionsSeparatelyWhenVersionsDiffer() {
        CountDiff diff = CountDiff.of(Map.of("a:1", 10L, "b:1", 5L, "c:1", 2L), Map.of("a:1", 12L, "b:1", 4L, "d:1", 1L));

        assertThat(diff).isEqualTo(new CountDiff(3, 3));
    }

    @Test
    void shouldReportMinMedianMaxWhenSummarisingRecoveryTimes() {
        RecoveryReport report = new RecoveryReport("storm", 4, new CountDiff(0, 0),
                List.of(Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(200)), List.of());

        assertThat(report.summary()).isEqualTo("storm: faults=4 lost=0 doubled=0 restart->RUNNING min 100 ms / median 250 ms / max 400 ms (n=4); "
                + "restart->pre-fault progress n/a");
    }

    @Test
    void shouldKeepEarlierRunsWhenAppendingASummary() throws Exception {
        Path file = tmp.resolve("reports/storm.txt");
        RecoveryReport.appendLine(file, "first");
        RecoveryReport.appendLine(file, "second");

        assertThat(Files.readAllLines(file)).containsExactly("first", "second");
    }
}
