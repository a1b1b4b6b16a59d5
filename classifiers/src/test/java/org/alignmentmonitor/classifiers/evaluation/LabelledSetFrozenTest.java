package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frozen splits of the labelled set are scored once; an edit to them must show, not slip through. Round 1's test
 * half was scored once and is studied data since; the holdout (round 2) is the frozen one now: its items were
 * committed before it was labelled, its labels before any rule ran on it.
 */
class LabelledSetFrozenTest {

    private static final Path LABELLED = Path.of(System.getProperty("testdata.dir", "../testdata"), "labelled");

    @Test
    void shouldKeepTheRoundOneTestHalfByteForByteAsCommittedBeforeTheRuleWork() throws Exception {
        assertThat(sha256("test.jsonl")).isEqualTo(committed("test.jsonl.sha256", "test.jsonl"))
                .isEqualTo("c737017e81a67dc4ff892c8fb6d9f192626f4361c7d00b70f915dbc0f42d179e");
    }

    @Test
    void shouldKeepTheHoldoutItemsAndLabelsByteForByteAsCommittedBeforeAnyRuleRanOnThem() throws Exception {
        assertThat(sha256("holdout-items.jsonl")).isEqualTo(committed("holdout-items.jsonl.sha256", "holdout-items.jsonl"))
                .isEqualTo("13af11803c6d130f79de89197f036aba58fe45642dfe7176283c7f9120b4b0d9");
        assertThat(sha256("holdout.jsonl")).isEqualTo(committed("holdout.jsonl.sha256", "holdout.jsonl"))
                .isEqualTo("835ee96011ff930a6d64de73912bd6816670060221513c2e9b95da5dcd967ac5");
        assertThat(sha256("holdout-second.jsonl")).isEqualTo(committed("holdout.jsonl.sha256", "holdout-second.jsonl"))
                .isEqualTo("2cdb6e91b903f920207d33c4324e938c888f289b1af2650cb29e2ba6ccb2f25f");
    }

    @Test
    void shouldHoldEveryDrawnItemOnceWithALabelWhenReadingTheHoldout() {
        List<LabelledItem> holdout = LabelledSet.split(LABELLED, "holdout");

        assertThat(holdout).hasSize(410);
        assertThat(holdout.stream().map(LabelledItem::id).distinct()).hasSize(410);
        assertThat(LabelledSet.agreement(LABELLED, "holdout")).hasValueSatisfying(agreement ->
                assertThat(agreement.items()).isEqualTo(100));
    }

    private static String sha256(String file) throws Exception {
        byte[] bytes = Files.readAllBytes(LABELLED.resolve(file));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The hash recorded for {@code file} in a {@code sha256sum} listing. */
    private static String committed(String listing, String file) throws Exception {
        return Files.readAllLines(LABELLED.resolve(listing)).stream().map(line -> line.split("\\s+"))
                .filter(parts -> parts.length == 2 && parts[1].equals(file))
                .map(parts -> parts[0]).findFirst().orElseThrow();
    }
}
