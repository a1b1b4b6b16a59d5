package org.alignmentmonitor.monitor.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.alignmentmonitor.alerts.webhook.Outbox;
import org.junit.jupiter.api.Test;

class OutboxReplayTest {

    private static final Outbox.Entry FIRING = new Outbox.Entry("webhook-1", "rate/m:v1/FIRING/1", "{\"state\":\"FIRING\"}");
    private static final Outbox.Entry RESOLVED = new Outbox.Entry("webhook-1", "rate/m:v1/RESOLVED/2", "{\"state\":\"RESOLVED\"}");

    @Test
    void shouldKeepEveryEntryInOrderWhenNoTombstoneFollows() {
        OutboxReplay replay = new OutboxReplay();
        replay.apply(FIRING.key(), OutboxReplay.encode(FIRING));
        replay.apply(RESOLVED.key(), OutboxReplay.encode(RESOLVED));

        assertThat(replay.waiting()).containsExactly(FIRING, RESOLVED);
    }

    @Test
    void shouldForgetAnEntryWhenItsTombstoneFollows() {
        OutboxReplay replay = new OutboxReplay();
        replay.apply(FIRING.key(), OutboxReplay.encode(FIRING));
        replay.apply(RESOLVED.key(), OutboxReplay.encode(RESOLVED));
        replay.apply(FIRING.key(), null);

        assertThat(replay.waiting()).containsExactly(RESOLVED);
    }

    @Test
    void shouldHoldAnEntryOnceWhenItWasKeptTwice() {
        OutboxReplay replay = new OutboxReplay();
        replay.apply(FIRING.key(), OutboxReplay.encode(FIRING));
        replay.apply(FIRING.key(), OutboxReplay.encode(FIRING));

        assertThat(replay.waiting()).containsExactly(FIRING);
    }

    @Test
    void shouldKeyEntriesByEventAndEndpointWhenOneEventGoesToTwoReceivers() {
        Outbox.Entry other = new Outbox.Entry("webhook-2", FIRING.eventId(), FIRING.body());
        OutboxReplay replay = new OutboxReplay();
        replay.apply(FIRING.key(), OutboxReplay.encode(FIRING));
        replay.apply(other.key(), OutboxReplay.encode(other));
        replay.apply(FIRING.key(), null);

        assertThat(replay.waiting()).containsExactly(other);
    }

    @Test
    void shouldRejectARecordWhenItsValueIsNotAnEntry() {
        assertThatThrownBy(() -> new OutboxReplay().apply("k", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
