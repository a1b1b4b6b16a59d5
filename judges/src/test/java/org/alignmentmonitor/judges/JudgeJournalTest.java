package org.alignmentmonitor.judges;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.alignmentmonitor.avro.ScoreStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeJournalTest {

    @TempDir
    Path dir;

    private static JudgeResult done(String id) {
        return new JudgeResult(id, "judge.self", "1", ScoreStatus.SCORED, 0.1, "ok", "t@v1", "m", 1, false);
    }

    @Test
    void shouldRecoverOnlyUnfinishedJudgmentsInOrder() throws Exception {
        try (JudgeJournal journal = JudgeJournal.open(dir, "judge.self", false)) {
            journal.appendPending("k1", TestInteractions.of("i-1", "p", "c1"), 10);
            journal.appendPending("k2", TestInteractions.of("i-2", "p", "c2"), 20);
            journal.appendPending("k3", TestInteractions.of("i-3", "p", "c3"), 30);
            journal.appendDone("k2", done("i-2"));
        }

        try (JudgeJournal reopened = JudgeJournal.open(dir, "judge.self", false)) {
            assertThat(reopened.recovered()).extracting(JudgeJournal.Pending::key).containsExactly("k1", "k3");
            assertThat(reopened.recovered().get(1).interaction().getCompletion()).isEqualTo("c3");
            assertThat(reopened.recovered().get(1).enqueuedAtMillis()).isEqualTo(30);
            assertThat(reopened.lines()).as("compacted on open").isEqualTo(2);
        }
    }

    @Test
    void shouldSkipATornLastLine() throws Exception {
        try (JudgeJournal journal = JudgeJournal.open(dir, "judge.self", true)) {
            journal.appendPending("k1", TestInteractions.of("i-1", "p", "c1"), 10);
        }
        Path file = dir.resolve("judge.self.pending.jsonl");
        Files.writeString(file, "{\"op\":\"pending\",\"key\":\"k2\",\"inter", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (JudgeJournal reopened = JudgeJournal.open(dir, "judge.self", false)) {
            assertThat(reopened.recovered()).extracting(JudgeJournal.Pending::key).containsExactly("k1");
        }
    }

    @Test
    void shouldCompactWhileRunningSoTheFileDoesNotGrowForever() throws Exception {
        try (JudgeJournal journal = JudgeJournal.open(dir, "judge.self", false, 50)) {
            journal.appendPending("keep", TestInteractions.of("i-0", "p", "c"), 1);
            for (int i = 0; i < 500; i++) {
                journal.appendPending("k" + i, TestInteractions.of("i-" + i, "p", "c" + i), i);
                journal.appendDone("k" + i, done("i-" + i));
            }

            assertThat(journal.lines()).isLessThan(60);
            assertThat(journal.readPendingNow()).extracting(JudgeJournal.Pending::key).containsExactly("keep");
        }
    }
}
