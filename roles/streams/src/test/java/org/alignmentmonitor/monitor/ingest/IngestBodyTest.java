package org.alignmentmonitor.monitor.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class IngestBodyTest {

    private static List<String> split(String body, int maxRecords) {
        return IngestBody.split(body.getBytes(UTF_8), maxRecords).stream().map(b -> new String(b, UTF_8)).toList();
    }

    @Test
    void shouldTakeTheWholeBodyAsOneRecordWhenItIsOneJsonValueEvenOverSeveralLines() {
        assertThat(split("{\"a\": 1}", 10)).containsExactly("{\"a\": 1}");
        assertThat(split("{\n  \"a\": {\n    \"b\": 2\n  }\n}\n", 10)).hasSize(1);
    }

    @Test
    void shouldSplitAJsonArrayIntoItsElements() {
        assertThat(split(" [{\"a\": 1}, {\"b\": [2]}, 3]", 10)).containsExactly("{\"a\":1}", "{\"b\":[2]}", "3");
    }

    @Test
    void shouldSplitNdjsonOnLinesAndSkipBlankOnes() {
        assertThat(split("{\"a\": 1}\r\n\n{\"b\": 2}\nnot json\n", 10)).containsExactly("{\"a\": 1}", "{\"b\": 2}", "not json");
    }

    @Test
    void shouldKeepAMalformedSingleLineAsOneRecordSoItsParserGivesTheReason() {
        assertThat(split("{\"a\": ", 10)).containsExactly("{\"a\": ");
    }

    @Test
    void shouldRefuseEmptyBodiesBrokenArraysAndTooManyRecords() {
        assertThatThrownBy(() -> split(" \n ", 10)).isInstanceOf(IngestBody.MalformedBodyException.class).hasMessageContaining("empty body");
        assertThatThrownBy(() -> split("[{\"a\": 1}", 10)).isInstanceOf(IngestBody.MalformedBodyException.class)
                .hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> split("[1, 2, 3]", 2)).isInstanceOf(IngestBody.TooManyRecordsException.class)
                .hasMessage("more than 2 records in one request");
        assertThatThrownBy(() -> split("1\n2\n3\n", 2)).isInstanceOf(IngestBody.TooManyRecordsException.class);
    }
}
