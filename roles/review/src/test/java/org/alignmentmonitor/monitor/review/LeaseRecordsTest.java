package org.alignmentmonitor.monitor.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.alignmentmonitor.review.queue.Assignment;
import org.alignmentmonitor.review.queue.LeaseRecord;
import org.junit.jupiter.api.Test;

class LeaseRecordsTest {

    @Test
    void shouldReadBackEveryLeaseVersionAndProposalWhenTwoLabellersHoldIt() {
        LeaseRecord record = new LeaseRecord("it-1", 2,
                List.of(new Assignment("it-1", "ann", 1_000L), new Assignment("it-1", "bob", 2_000L)), "r1-7");

        assertThat(LeaseRecords.decode("it-1", LeaseRecords.encode(record))).isEqualTo(record);
    }

    @Test
    void shouldWriteNoLeasesAsAVersionedRecordRatherThanATombstone() {
        LeaseRecord none = new LeaseRecord("it-1", 3, List.of(), "r1-8");

        assertThat(LeaseRecords.encode(none)).isNotNull();
        assertThat(LeaseRecords.decode("it-1", LeaseRecords.encode(none))).isEqualTo(none);
    }

    @Test
    void shouldNotCarryTheItemIdInTheValueWhenTheKeyHasIt() {
        String value = new String(LeaseRecords.encode(new LeaseRecord("it-1", 1, List.of(new Assignment("it-1", "ann", 5L)), "r1-1")),
                StandardCharsets.UTF_8);

        assertThat(value).isEqualTo("{\"version\":1,\"proposal\":\"r1-1\",\"leases\":[{\"labeller\":\"ann\",\"expiresAt\":5}]}");
    }

    @Test
    void shouldRejectAValueWhenItIsNotAVersionedLeaseRecord() {
        assertThatThrownBy(() -> LeaseRecords.decode("it-1", "{\"other\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeaseRecords.decode("it-1", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeaseRecords.decode("it-1", "{\"leases\":[]}".getBytes(StandardCharsets.UTF_8)))
                .as("written before versions").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeaseRecords.decode("it-1", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
