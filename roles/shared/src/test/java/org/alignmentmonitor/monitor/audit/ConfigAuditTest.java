package org.alignmentmonitor.monitor.audit;

import java.util.List;
import java.util.Map;

import org.alignmentmonitor.avro.AuditEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigAuditTest {

    record Sample(String review, int port, String secret) {
    }

    @Test
    void shouldRecordEverySectionOnFirstStartAndOnlyChangedOnesLater() {
        Map<String, String> first = ConfigAudit.digests(new Sample("lease=15m", 8080, "s3cret"));
        List<AuditEvent> initial = ConfigAudit.changes(List.of(), first, "ops", 1_000);
        assertThat(initial).extracting(AuditEvent::getSubject).containsExactlyInAnyOrder("review", "port", "secret");
        assertThat(initial).allMatch(e -> e.getKind().equals("CONFIG_CHANGED") && e.getActor().equals("ops"));
        assertThat(initial.toString()).doesNotContain("s3cret");

        assertThat(ConfigAudit.changes(initial, first, "ops", 2_000)).isEmpty();

        Map<String, String> second = ConfigAudit.digests(new Sample("lease=30m", 8080, "s3cret"));
        List<AuditEvent> changed = ConfigAudit.changes(initial, second, "ops", 3_000);
        assertThat(changed).extracting(AuditEvent::getSubject).containsExactly("review");
        assertThat(changed.get(0).getDetail()).containsEntry("previousDigest", first.get("review")).containsEntry("digest", second.get("review"));
    }
}
