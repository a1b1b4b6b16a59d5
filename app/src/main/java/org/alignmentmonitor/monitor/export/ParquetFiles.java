package org.alignmentmonitor.monitor.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * The export's tables as Parquet (uncompressed, written without a Hadoop file system): {@code buckets.parquet} with the
 * columns of buckets.csv, {@code items.parquet} with one row per labelled item and its label history as a list.
 */
final class ParquetFiles {

    private static final Schema SUMS = SchemaBuilder.record("LabelSums").fields()
            .requiredLong("labelled").requiredLong("positives").requiredDouble("sumB").requiredDouble("sumC").requiredDouble("sumBB")
            .requiredDouble("sumCC").requiredDouble("sumAB").requiredDouble("sumAC").requiredDouble("sumBC").endRecord();
    static final Schema BUCKET = SchemaBuilder.record("Bucket").namespace("org.alignmentmonitor.export").fields()
            .requiredString("model").requiredString("version").requiredLong("bucketStart").requiredLong("bucketMillis")
            .requiredLong("interactions").requiredLong("flagged").requiredDouble("scoreSum").requiredDouble("scoreSumSquares")
            .requiredLong("misaligned").requiredLong("aligned").requiredLong("ambiguous")
            .name("low").type(SUMS).noDefault().name("high").type(SUMS).noDefault().endRecord();
    private static final Schema LABEL = SchemaBuilder.record("LabelGiven").fields()
            .requiredString("labeller").requiredString("label").requiredLong("labelledAt").requiredString("manualVersion")
            .name("categories").type().array().items().stringType().noDefault().endRecord();
    static final Schema ITEM = SchemaBuilder.record("LabelledItem").namespace("org.alignmentmonitor.export").fields()
            .requiredString("interactionId").requiredString("taskId").requiredString("model").requiredString("version")
            .requiredLong("eventTime").requiredDouble("inclusionProbability").requiredString("stratum").requiredString("samplerVersion")
            .requiredDouble("score").requiredBoolean("flagged").requiredString("label")
            .name("history").type().array().items(LABEL).noDefault().endRecord();

    private ParquetFiles() {
    }

    static byte[] buckets(List<BucketRow> rows) {
        return write(BUCKET, rows.stream().map(ParquetFiles::bucket).toList());
    }

    static byte[] items(List<LabelledItem> items) {
        return write(ITEM, items.stream().map(ParquetFiles::item).toList());
    }

    private static GenericRecord bucket(BucketRow r) {
        GenericRecord g = new GenericData.Record(BUCKET);
        g.put("model", r.model());
        g.put("version", r.version());
        g.put("bucketStart", r.bucketStart());
        g.put("bucketMillis", r.bucketMillis());
        g.put("interactions", r.interactions());
        g.put("flagged", r.flagged());
        g.put("scoreSum", r.scoreSum());
        g.put("scoreSumSquares", r.scoreSumSquares());
        g.put("misaligned", r.misaligned());
        g.put("aligned", r.aligned());
        g.put("ambiguous", r.ambiguous());
        g.put("low", sums(r.low()));
        g.put("high", sums(r.high()));
        return g;
    }

    private static GenericRecord sums(BucketRow.Sums s) {
        GenericRecord g = new GenericData.Record(SUMS);
        g.put("labelled", s.labelled());
        g.put("positives", s.positives());
        g.put("sumB", s.sumB());
        g.put("sumC", s.sumC());
        g.put("sumBB", s.sumBB());
        g.put("sumCC", s.sumCC());
        g.put("sumAB", s.sumAB());
        g.put("sumAC", s.sumAC());
        g.put("sumBC", s.sumBC());
        return g;
    }

    private static GenericRecord item(LabelledItem i) {
        GenericRecord g = new GenericData.Record(ITEM);
        g.put("interactionId", i.interactionId());
        g.put("taskId", i.taskId());
        g.put("model", i.model());
        g.put("version", i.version());
        g.put("eventTime", i.eventTime());
        g.put("inclusionProbability", i.inclusionProbability());
        g.put("stratum", i.stratum());
        g.put("samplerVersion", i.samplerVersion());
        g.put("score", i.score());
        g.put("flagged", i.flagged());
        g.put("label", i.label());
        g.put("history", i.history().stream().map(h -> {
            GenericRecord l = new GenericData.Record(LABEL);
            l.put("labeller", h.labeller());
            l.put("label", h.label());
            l.put("labelledAt", h.labelledAt());
            l.put("manualVersion", h.manualVersion());
            l.put("categories", h.categories());
            return l;
        }).toList());
        return g;
    }

    /** Parquet needs a seekable file to write its footer: a temporary file, read back and deleted. */
    private static byte[] write(Schema schema, List<GenericRecord> records) {
        Path file = null;
        try {
            file = Files.createTempFile("export-", ".parquet");
            Files.delete(file);
            OutputFile out = new LocalOutputFile(file);
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(out).withSchema(schema)
                    .withConf(new PlainParquetConfiguration()).withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
                for (GenericRecord r : records) {
                    writer.write(r);
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a Parquet file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
