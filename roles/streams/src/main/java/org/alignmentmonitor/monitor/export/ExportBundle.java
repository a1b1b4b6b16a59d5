package org.alignmentmonitor.monitor.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.alignmentmonitor.monitor.access.UserDirectory;

/**
 * The files of one window's export, in memory: per-bucket statistics and labelled items as JSONL, CSV and Parquet,
 * and the manifest with each file's SHA-256. Written as a directory by the CLI and as a zip by the API.
 */
public record ExportBundle(Map<String, byte[]> files) {

    public static final String BUCKETS_JSONL = "buckets.jsonl";
    public static final String ITEMS_JSONL = "items.jsonl";

    /** What an export is made of, gathered by the caller. */
    public record Contents(String model, String version, long from, long to, long generatedAt, String samplingSalt,
                           List<BucketRow> buckets, List<LabelledItem> items) {
    }

    public static ExportBundle of(Contents c) {
        ObjectMapper json = new ObjectMapper();
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<ExportManifest.FileEntry> entries = new ArrayList<>();
        add(files, entries, BUCKETS_JSONL, jsonLines(json, c.buckets()), c.buckets().size());
        add(files, entries, "buckets.csv", csv(BucketRow.CSV_HEADER, c.buckets().stream().map(BucketRow::csvCells).toList()), c.buckets().size());
        add(files, entries, ITEMS_JSONL, jsonLines(json, c.items()), c.items().size());
        List<List<Object>> itemRows = c.items().stream().flatMap(i -> i.csvRows().stream()).toList();
        add(files, entries, "items.csv", csv(LabelledItem.CSV_HEADER, itemRows), itemRows.size());
        add(files, entries, "buckets.parquet", ParquetFiles.buckets(c.buckets()), c.buckets().size());
        add(files, entries, "items.parquet", ParquetFiles.items(c.items()), c.items().size());
        ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, c.model(), c.version(), Instant.ofEpochMilli(c.from()).toString(),
                Instant.ofEpochMilli(c.to()).toString(), Instant.ofEpochMilli(c.generatedAt()).toString(),
                UserDirectory.sha256Hex(c.samplingSalt()),
                c.items().stream().map(LabelledItem::samplerVersion).distinct().sorted().toList(), entries);
        try {
            files.put(ExportManifest.FILE_NAME, json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ExportBundle(Map.copyOf(files));
    }

    private static void add(Map<String, byte[]> files, List<ExportManifest.FileEntry> entries, String name, byte[] bytes, long rows) {
        files.put(name, bytes);
        entries.add(new ExportManifest.FileEntry(name, ExportManifest.sha256(bytes), bytes.length, rows));
    }

    private static byte[] jsonLines(ObjectMapper json, List<?> rows) {
        StringBuilder sb = new StringBuilder();
        try {
            for (Object row : rows) {
                sb.append(json.writeValueAsString(row)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csv(List<String> header, List<List<Object>> rows) {
        StringBuilder sb = new StringBuilder(Csv.line(header));
        rows.forEach(r -> sb.append(Csv.line(r)));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The manifest's own SHA-256: quote it to whoever checks the export. */
    public String manifestSha256() {
        return ExportManifest.sha256(files.get(ExportManifest.FILE_NAME));
    }

    public void writeZip(OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : files.keySet().stream().sorted().toList()) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(files.get(name));
                zip.closeEntry();
            }
        }
    }
}
