package org.alignmentmonitor.classifiers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The test half of the labelled set is scored once; an edit to it must show, not slip through. */
class LabelledSetFrozenTest {

    private static final Path LABELLED = Path.of(System.getProperty("testdata.dir", "../testdata"), "labelled");

    @Test
    void shouldKeepTheTestHalfByteForByteAsCommittedBeforeTheRuleWork() throws Exception {
        byte[] bytes = Files.readAllBytes(LABELLED.resolve("test.jsonl"));
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String committed = Files.readString(LABELLED.resolve("test.jsonl.sha256")).split("\\s+")[0];
        assertThat(actual).isEqualTo(committed).isEqualTo("c737017e81a67dc4ff892c8fb6d9f192626f4361c7d00b70f915dbc0f42d179e");
    }
}
