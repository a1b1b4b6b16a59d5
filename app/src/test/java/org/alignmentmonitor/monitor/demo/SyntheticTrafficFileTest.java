package org.alignmentmonitor.monitor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.alignmentmonitor.connectors.synthetic.FailureKind;
import org.alignmentmonitor.connectors.synthetic.SyntheticConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticTrafficFileTest {

    @TempDir
    Path tmp;

    private Path write(String yaml) throws Exception {
        Path file = tmp.resolve("traffic.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void shouldReadVersionsWeightsRatesAndRegressions() throws Exception {
        SyntheticConfig config = SyntheticTrafficFile.load(write("""
                versions:
                  - {model: assistant, version: v1, weight: 3, rates: {truncation: 0.004, prompt_echo: 0.002}}
                  - {model: coder, version: "2024-06", rates: {empty: 0.01}}
                regressions:
                  - {model: coder, version: "2024-06", after: 2m, rates: {repetition: 0.05}}
                """));

        assertThat(config.versions()).hasSize(2);
        assertThat(config.versions().get(0).weight()).isEqualTo(3.0);
        assertThat(config.versions().get(0).rates().rate(FailureKind.TRUNCATION)).isCloseTo(0.004, within(1e-12));
        assertThat(config.versions().get(1).weight()).isEqualTo(1.0);
        assertThat(config.regressions().get(0).after()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.regressions().get(0).rates().rate(FailureKind.REPETITION)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void shouldRejectUnknownKeysKindsAndVersionsWithTheirNames() throws Exception {
        assertThatThrownBy(() -> SyntheticTrafficFile.load(write("versions:\n  - {model: m, version: v, wieght: 2}\n")))
                .hasMessageContaining("wieght");
        assertThatThrownBy(() -> SyntheticTrafficFile.load(write("versions:\n  - {model: m, version: v, rates: {typo: 0.1}}\n")))
                .hasMessageContaining("typo");
        assertThatThrownBy(() -> SyntheticTrafficFile.load(write("versions:\n  - {model: m, version: v}\nregressions:\n  - {model: m, version: w, after: 1m}\n")))
                .hasMessageContaining("m:w");
        assertThatThrownBy(() -> SyntheticTrafficFile.load(tmp.resolve("missing.yaml"))).hasMessageContaining("no such traffic file");
    }
}
