package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.alignmentmonitor.review.queue.Assignment;
import org.junit.jupiter.api.Test;

class LeaseRecordsTest {

    @Test
    void shouldReadBackEveryLeaseOfTheItemWhenTwoLabellersHoldIt() {
        List<Assignment> leases = List.of(new Assignment("it-1", "ann", 1_000L), new Assignment("it-1", "bob", 2_000L));

        assertThat(LeaseRecords.decode("it-1", LeaseRecords.encode(leases))).isEqualTo(leases);
    }

    @Test
    void shouldWriteATombstoneWhenNoLeaseIsLeftAndReadItAsNone() {
        assertThat(LeaseRecords.encode(List.of())).isNull();
        assertThat(LeaseRecords.decode("it-1", null)).isEmpty();
    }

    @Test
    void shouldNotCarryTheItemIdInTheValueWhenTheKeyHasIt() {
        String value = new String(LeaseRecords.encode(List.of(new Assignment("it-1", "ann", 5L))), StandardCharsets.UTF_8);

        assertThat(value).isEqualTo("{\"leases\":[{\"labeller\":\"ann\",\"expiresAt\":5}]}");
    }

    @Test
    void shouldRejectAValueWhenItIsNotALeaseRecord() {
        assertThatThrownBy(() -> LeaseRecords.decode("it-1", "{\"other\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeaseRecords.decode("it-1", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
