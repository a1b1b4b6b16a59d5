package org.alignmentmonitor.monitor.config;

import java.util.List;
import java.util.Objects;

import org.alignmentmonitor.connectors.ingest.LogFormat;
import org.alignmentmonitor.connectors.ingest.ParserSettings;
import org.alignmentmonitor.connectors.ingest.Parsers;
import org.alignmentmonitor.connectors.openai.ModelVersionRule;
import org.alignmentmonitor.streams.ingest.RawSource;

/**
 * Where raw logs enter besides the {@code interactions} topic: Kafka topics the monitor parses
 * itself ({@code monitor.sources.<name>.*}) and the HTTP ingest endpoint ({@code monitor.ingest.http.*}).
 *
 * @param httpToken     bearer token {@code POST /api/v1/interactions} requires; empty: no authentication
 * @param maxBodyBytes  largest request body the endpoint reads (413 beyond)
 * @param maxRecords    most records one request may carry (413 beyond)
 */
public record IngestConfig(List<Source> sources, String httpToken, int maxBodyBytes, int maxRecords) {

    public static final IngestConfig NONE = new IngestConfig(List.of(), "", 8 << 20, 10_000);

    public IngestConfig {
        sources = List.copyOf(sources);
        Objects.requireNonNull(httpToken, "httpToken");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("monitor.ingest.http.max-bytes must be >= 1024, got " + maxBodyBytes);
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("monitor.ingest.http.max-records must be >= 1, got " + maxRecords);
        }
    }

    /** One {@code monitor.sources.<name>} entry. */
    public record Source(String name, String topic, LogFormat format, ModelVersionRule versionRule) {

        /** The topology's view, with the parser this source's format and rule call for. */
        public RawSource rawSource() {
            return new RawSource(name, topic, Parsers.of(format, ParserSettings.defaults().withVersionRule(versionRule)));
        }
    }

    /** The raw sources of the topology. */
    public List<RawSource> rawSources() {
        return sources.stream().map(Source::rawSource).toList();
    }
}
