package org.alignmentmonitor.monitor.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
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
    private static final Schema BUCKET = SchemaBuilder.record("Bucket").namespace("org.alignmentmonitor.export").fields()
            .requiredString("model").requiredString("version").requiredLong("bucketStart").requiredLong("bucketMillis")
            .requiredLong("interactions").requiredLong("flagged").requiredDouble("scoreSum").requiredDouble("scoreSumSquares")
            .requiredLong("misaligned").requiredLong("aligned").requiredLong("ambiguous")
            .name("low").type(SUMS).noDefault().name("high").type(SUMS).noDefault().endRecord();
    private static final Schema LABEL = SchemaBuilder.record("LabelGiven").fields()
            .requiredString("labeller").requiredString("label").requiredLong("labelledAt").requiredString("manualVersion")
            .name("categories").type().array().items().stringType().noDefault().endRecord();
    private static final Schema ITEM = SchemaBuilder.record("LabelledItem").namespace("org.alignmentmonitor.export").fields()
            .requiredString("interactionId").requiredString("taskId").requiredString("model").requiredString("version")
            .requiredLong("eventTime").requiredDouble("inclusionProbability").requiredString("stratum").requiredString("samplerVersion")
            .requiredDouble("score").requiredBoolean("flagged").requiredString("label")
            .name("history").type().array().items(LABEL).noDefault().endRecord();

    private ParquetFiles() {
    }

    static byte[] buckets(List<BucketRow> rows) {
        return write(BUCKET, rows.stream().map(r -> avro(r, BUCKET)).toList());
    }

    static byte[] items(List<LabelledItem> items) {
        return write(ITEM, items.stream().map(i -> avro(i, ITEM)).toList());
    }

    /** A Java record as the Avro record of the same field names: nested records and lists of records follow. */
    private static GenericRecord avro(Record value, Schema schema) {
        GenericRecord g = new GenericData.Record(schema);
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            Schema field = schema.getField(c.getName()).schema();
            Object v;
            try {
                v = c.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            if (v instanceof Record nested) {
                v = avro(nested, field);
            } else if (v instanceof List<?> list && field.getElementType().getType() == Schema.Type.RECORD) {
                v = list.stream().map(e -> avro((Record) e, field.getElementType())).toList();
            }
            g.put(c.getName(), v);
        }
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
