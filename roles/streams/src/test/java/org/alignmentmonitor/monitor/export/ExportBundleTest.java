package org.alignmentmonitor.monitor.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.alignmentmonitor.avro.BucketStats;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.alignmentmonitor.avro.Label;
import org.alignmentmonitor.avro.LabelSums;
import org.alignmentmonitor.avro.LabelValue;
import org.alignmentmonitor.avro.ReviewTask;
import org.alignmentmonitor.schemas.AvroTrust;
import org.alignmentmonitor.streams.topology.BucketKey;
import org.alignmentmonitor.streams.topology.BucketStatsMath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void trustGeneratedClasses() {
        AvroTrust.install();
    }

    @Test
    void shouldSumExportedBucketsBitForBitLikeTheApiMerge() throws Exception {
        List<BucketStats> stored = List.of(bucket(0, 10, 3.3, 1.7, 0.1 / 3), bucket(60_000, 7, 2.9, 1.3, 1.0 / 7), bucket(120_000, 5, 0.1, 0.01, 0.0));
        BucketStats merged = BucketStatsMath.empty(new BucketKey("m", "v", 0), 180_000);
        stored.forEach(s -> BucketStatsMath.mergeInto(merged, s));
        List<BucketRow> readBack = JSON.readerFor(BucketRow.class).<BucketRow>readValues(
                ExportBundle.of(contents(stored.stream().map(BucketRow::of).toList(), List.of())).files().get(ExportBundle.BUCKETS_JSONL)).readAll();

        BucketStats summed = BucketRow.sum(readBack);
        assertThat(summed.getInteractions()).isEqualTo(merged.getInteractions());
        assertThat(summed.getScoreSum()).isEqualTo(merged.getScoreSum());
        assertThat(summed.getScoreSumSquares()).isEqualTo(merged.getScoreSumSquares());
        assertThat(summed.getLow()).isEqualTo(merged.getLow());
        assertThat(summed.getHigh()).isEqualTo(merged.getHigh());
    }

    @Test
    void shouldNameTheFileThatNoLongerMatchesItsDigest() throws Exception {
        ExportBundle bundle = ExportBundle.of(contents(List.of(BucketRow.of(bucket(0, 3, 1.0, 0.5, 0.2))), List.of()));
        for (Map.Entry<String, byte[]> f : bundle.files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        ExportManifest manifest = ExportManifest.readVerified(dir, JSON);
        assertThat(manifest.files()).extracting(ExportManifest.FileEntry::name)
                .containsExactly("buckets.jsonl", "buckets.csv", "items.jsonl", "items.csv", "buckets.parquet", "items.parquet");

        Files.writeString(dir.resolve("items.csv"), "x", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ExportManifest.readVerified(dir, JSON)).hasMessageContaining("items.csv does not match its SHA-256");
    }

    @Test
    void shouldKeepTheLatestLabelInForceAndEveryLabelInTheHistory() {
        ReviewTask task = ReviewTask.newBuilder().setTaskId("t1").setInteractionId("i1").setModel("m").setVersion("v")
                .setEventTime(Instant.ofEpochMilli(1_000)).setInclusionProbability(0.25).setStratum("s").setSamplerVersion("sampler-1")
                .setScore(0.8).setFlagged(true).build();
        LabelledItem item = LabelledItem.of(task, List.of(label("bob", LabelValue.ALIGNED, 3_000), label("ann", LabelValue.MISALIGNED, 2_000)));

        assertThat(item.label()).isEqualTo("ALIGNED");
        assertThat(item.history()).extracting(LabelledItem.LabelEntry::labeller).containsExactly("ann", "bob");
        assertThat(item.csvRows()).hasSize(2);
    }

    @Test
    void shouldWriteParquetThatReadsBackToTheSameRows() throws Exception {
        List<BucketRow> rows = List.of(BucketRow.of(bucket(0, 10, 3.3, 1.7, 0.1 / 3)), BucketRow.of(bucket(60_000, 7, 2.9, 1.3, 1.0 / 7)));
        ReviewTask task = ReviewTask.newBuilder().setTaskId("t1").setInteractionId("i1").setModel("m").setVersion("v")
                .setEventTime(Instant.ofEpochMilli(1_000)).setInclusionProbability(0.25).setScore(0.8).build();
        LabelledItem item = LabelledItem.of(task, List.of(label("ann", LabelValue.MISALIGNED, 2_000), label("bob", LabelValue.ALIGNED, 3_000)));
        ExportBundle bundle = ExportBundle.of(contents(rows, List.of(item)));
        Files.write(dir.resolve("buckets.parquet"), bundle.files().get("buckets.parquet"));
        Files.write(dir.resolve("items.parquet"), bundle.files().get("items.parquet"));

        List<Group> buckets = readParquet(dir.resolve("buckets.parquet"));
        assertThat(buckets).hasSize(2);
        assertThat(buckets.get(1).getDouble("scoreSum", 0)).isEqualTo(2.9);
        assertThat(buckets.get(0).getGroup("low", 0).getDouble("sumBC", 0)).isEqualTo(0.1 / 3);
        List<Group> items = readParquet(dir.resolve("items.parquet"));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).getDouble("inclusionProbability", 0)).isEqualTo(0.25);
        assertThat(items.get(0).getString("label", 0)).isEqualTo("ALIGNED");
        assertThat(items.get(0).getGroup("history", 0).getFieldRepetitionCount(0)).isEqualTo(2);
    }

    /** Reads every row with parquet-column's own record reader: no Hadoop input formats needed. */
    private static List<Group> readParquet(Path file) throws Exception {
        List<Group> out = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO columns = new ColumnIOFactory().getColumnIO(schema);
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = columns.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    out.add(records.read());
                }
            }
        }
        return out;
    }

    @Test
    void shouldQuoteCsvFieldsWithCommasQuotesAndLineBreaks() {
        assertThat(Csv.line(List.of("plain", "a,b", "say \"hi\"", "two\nlines", 1.5)))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",1.5\r\n");
    }

    private static Label label(String labeller, LabelValue value, long at) {
        return Label.newBuilder().setTaskId("t1").setInteractionId("i1").setModel("m").setVersion("v").setEventTime(Instant.ofEpochMilli(1_000))
                .setLabeller(labeller).setLabel(value).setLabelledAt(Instant.ofEpochMilli(at)).build();
    }

    private static ExportBundle.Contents contents(List<BucketRow> rows, List<LabelledItem> items) {
        return new ExportBundle.Contents("m", "v", 0, 180_000, 5_000, "salt", rows, items);
    }

    private static BucketStats bucket(long start, long n, double scoreSum, double sumB, double sumBC) {
        BucketStats s = BucketStatsMath.empty(new BucketKey("m", "v", start), 60_000);
        s.setInteractions(n);
        s.setScoreSum(scoreSum);
        s.setScoreSumSquares(scoreSum * 0.7);
        LabelSums low = LabelSums.newBuilder().build();
        low.setLabelled(2);
        low.setPositives(1);
        low.setSumB(sumB);
        low.setSumBB(sumB * sumB);
        low.setSumBC(sumBC);
        s.setLow(low);
        return s;
    }
}
