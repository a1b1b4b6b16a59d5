package org.alignmentmonitor.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.alignmentmonitor.classifiers.ClassifierSuite;
import org.alignmentmonitor.monitor.config.ConfigLoader;
import org.alignmentmonitor.monitor.runtime.DeadLetterCounter;
import org.alignmentmonitor.monitor.runtime.MonitorRuntime;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.PluginClassLoader;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Connect worker (standalone herder, no REST server) beside a real monitor on the embedded
 * broker: the file source reads a log in which every line appears twice plus malformed lines; the
 * plugin's transformation turns them into Interactions and dead letters. Counts equal a file replay.
 * The worker loads the plugin as a lab installs it: the packaged zip unpacked into a {@code plugin.path}
 * folder (the module's classes are not on this test's class path, see the failsafe configuration).
 */
class ConnectPluginIT {

    private static final int LINES = 805;
    // Names, not class literals: the plugin's classes exist only inside the unpacked zip.
    private static final String TO_INTERACTION = "org.alignmentmonitor.connect.ToInteraction";
    private static final String INTERACTION_CONVERTER = "org.alignmentmonitor.connect.InteractionConverter";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static MonitorRuntime runtime;
    static StandaloneHerder herder;
    static int apiPort;
    static Plugins plugins;
    static Path pluginPath;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = Map.of("monitor.data.dir", dataDir.resolve("monitor").toString(), "monitor.http.port", "0",
                "monitor.streams.commit.interval", "200ms", "monitor.flush.interval", "200ms");
        runtime = MonitorRuntime.connect(ConfigLoader.load(settings, null, Map.of(), Map.of()))
                .startProcessing(ClassifierSuite.defaults());
        apiPort = runtime.api().port();

        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", (String) runtime.clientConfig().get("bootstrap.servers"));
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        worker.put(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, dataDir.resolve("offsets").toString());
        worker.put("offset.flush.interval.ms", "1000");
        pluginPath = unzip(Path.of(System.getProperty("connect.plugin.zip")), dataDir.resolve("plugins"));
        worker.put(WorkerConfig.PLUGIN_PATH_CONFIG, pluginPath.toString());
        // Plugins found through their META-INF/services manifests only: the default also scans every class on this
        // test's long class path by reflection (25 s). Without the plugin's manifests it would not load at all.
        worker.put(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
        plugins = new Plugins(worker);
        plugins.compareAndSwapWithDelegatingLoader();
        StandaloneConfig config = new StandaloneConfig(worker);
        ConnectorClientConfigOverridePolicy policy = plugins.newPlugin(
                config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG), config, ConnectorClientConfigOverridePolicy.class);
        JsonConverter offsetKeys = new JsonConverter();
        offsetKeys.configure(Map.of("schemas.enable", "false"), true);
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(offsetKeys);
        offsets.configure(config);
        herder = new StandaloneHerder(new Worker("connect-plugin-it", Time.SYSTEM, plugins, config, offsets, policy),
                config.kafkaClusterId(), policy);
        herder.start();
    }

    @AfterAll
    static void stop() {
        if (herder != null) {
            herder.stop();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void shouldLoadThePluginFromItsUnpackedZipThroughAnIsolatedClassLoaderWhenInstalledOnPluginPath() throws Exception {
        assertThatThrownBy(() -> Class.forName(TO_INTERACTION)).isInstanceOf(ClassNotFoundException.class);
        for (String name : List.of(TO_INTERACTION, INTERACTION_CONVERTER)) {
            ClassLoader loader = plugins.delegatingLoader().loadClass(name).getClassLoader();
            assertThat(loader).isInstanceOf(PluginClassLoader.class);
            assertThat(((PluginClassLoader) loader).location()).contains(pluginPath.toString());
        }
    }

    @Test
    void shouldCountEveryRecordOnceAndDeadLetterTheBadOnesWhenTheTransformationReadsALogTwice() throws Exception {
        List<String> log = trafficLog("alpaca-7b.jsonl.gz");
        List<String> lines = new ArrayList<>(log);
        lines.add("{\"request\": {\"model\": \"alpaca:7b\"");
        lines.add("{\"request\": {\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}, \"response\": {\"choices\": []}}");
        lines.addAll(log);
        Path file = Files.write(dataDir.resolve("alpaca-twice.jsonl"), lines);

        Map<String, String> connector = fileSource(file);
        connector.put("transforms", "toInteraction");
        connector.put("transforms.toInteraction.type", TO_INTERACTION);
        connector.put("transforms.toInteraction.format", "openai-chat");
        connector.put("transforms.toInteraction.schema.registry.url", registryUrl());
        put("alpaca-twice", connector);

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertThat(interactionsPerVersion()).containsEntry("alpaca:7b", (long) LINES));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetterReasons())
                .anySatisfy(r -> assertThat(r).contains("not JSON"))
                .anySatisfy(r -> assertThat(r).contains("missing request.model and response.model")));
        assertThat(interactionsPerVersion()).containsEntry("alpaca:7b", (long) LINES);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldWriteInteractionsWhenTheConverterSerializesASourcesValues() throws Exception {
        Path file = Files.write(dataDir.resolve("gpt-4-turbo.jsonl"), trafficLog("gpt-4-turbo-1106-concise.jsonl.gz"));
        Map<String, String> connector = fileSource(file);
        // The converter cannot key records by id: with one send per line no duplicate needs the key.
        connector.put("topic", runtime.config().topics().interactions());
        connector.put("value.converter", INTERACTION_CONVERTER);
        connector.put("value.converter.schema.registry.url", registryUrl());
        put("gpt-4-turbo", connector);

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(interactionsPerVersion())
                .containsEntry("gpt-4-turbo:1106-preview-concise", (long) LINES));
    }

    private static Map<String, String> fileSource(Path file) {
        Map<String, String> connector = new HashMap<>();
        connector.put("connector.class", FileStreamSourceConnector.class.getName());
        connector.put("tasks.max", "1");
        connector.put("file", file.toString());
        connector.put("topic", "raw-logs");
        return connector;
    }

    private static void put(String name, Map<String, String> connector) throws Exception {
        connector.put("name", name);
        FutureCallback<Object> created = new FutureCallback<>();
        herder.putConnectorConfig(name, connector, false, (error, result) -> created.onCompletion(error, result));
        created.get(30, TimeUnit.SECONDS);
    }

    /** Unpacks the plugin archive as {@code unzip ARCHIVE -d TARGET} would; the archive is built by the package phase. */
    private static Path unzip(Path archive, Path target) throws IOException {
        assertThat(archive).as("the plugin zip (run the package phase first)").isRegularFile();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path to = target.resolve(entry.getName()).normalize();
                assertThat(to).startsWithRaw(target);
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(zip, to);
                }
            }
        }
        return target;
    }

    private static String registryUrl() {
        return runtime.config().registry().get("schema.registry.url");
    }

    private static List<String> trafficLog(String name) throws Exception {
        Path gz = Path.of(System.getProperty("testdata.dir", "../testdata"), "traffic", name);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Map<String, Long> interactionsPerVersion() throws Exception {
        HttpResponse<String> response = get("/api/v1/versions");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode v : JSON.readTree(response.body()).path("versions")) {
            counts.put(v.path("model").asText() + ":" + v.path("version").asText(), v.path("interactions").asLong());
        }
        return counts;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> deadLetterReasons() {
        return DeadLetterCounter.reasons(runtime.clientConfig(), runtime.config().topics().interactions() + "-dlq");
    }
}
