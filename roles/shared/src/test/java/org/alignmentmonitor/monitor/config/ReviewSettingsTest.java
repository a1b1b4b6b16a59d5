package org.alignmentmonitor.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReviewSettingsTest {

    @Test
    void shouldReadTheReviewKeysAndDefaultTheRest() {
        ReviewSettings s = ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.review.users.file", "users.properties",
                "monitor.review.lease", "5m", "monitor.review.double.fraction", "0.5")).review();
        assertThat(s).isEqualTo(new ReviewSettings(true, Path.of("users.properties"), null, Duration.ofMinutes(5), 0.5,
                ReviewSettings.defaults().goldRate(), null));
    }

    @Test
    void shouldReadTheSessionKeyFromTheEnvironmentAndNeverPrintIt() {
        String key = "k".repeat(ReviewSettings.MIN_SESSION_KEY_BYTES);
        ReviewSettings s = ConfigLoader.load(Map.of(), null, Map.of("AM_MONITOR_REVIEW_SESSION_KEY", key), Map.of()).review();
        assertThat(s.sessionKey()).isEqualTo(key);
        assertThat(s.toString()).doesNotContain(key);
    }

    @Test
    void shouldRefuseASessionKeyShorterThanTheHashWhenConfigured() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.review.session.key", "short")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session.key");
    }

    @Test
    void shouldRefuseFractionsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), null, Map.of(), Map.of("monitor.review.gold.rate", "1.5")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
