package io.leaderlatch.election;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored instance record, with and without the hint address. */
class InstanceRecordTest {

    @Test
    void aRecordWithAHintAddressReadsBackAsWritten() {
        InstanceRecord record = new InstanceRecord(42, Duration.ofSeconds(10), Optional.of("10.0.0.1:5324"));

        assertThat(text(record)).isEqualTo("leader-latch-instance 1\nheartbeat 42\nlease-ms 10000\nhints 10.0.0.1:5324\n");
        assertThat(InstanceRecord.decode(record.encode())).isEqualTo(record);
    }

    @Test
    void withoutAHintAddressTheRecordIsTheOneEarlierVersionsWrite() {
        InstanceRecord record = new InstanceRecord(7, Duration.ofSeconds(10), Optional.empty());

        assertThat(text(record)).isEqualTo("leader-latch-instance 1\nheartbeat 7\nlease-ms 10000\n");
        assertThat(InstanceRecord.decode(record.encode())).isEqualTo(record);
    }

    @Test
    void linesThisVersionDoesNotKnowAreSkipped() {
        byte[] stored = "leader-latch-instance 1\nheartbeat 3\nlease-ms 5000\nzone b\nhints [::1]:7000\n"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(InstanceRecord.decode(stored))
                .isEqualTo(new InstanceRecord(3, Duration.ofSeconds(5), Optional.of("[::1]:7000")));
    }

    @Test
    void anythingElseIsRefused() {
        byte[] group = "leader-latch-group 1\nterm 1\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> InstanceRecord.decode(group)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(InstanceRecord record) {
        return new String(record.encode(), StandardCharsets.US_ASCII);
    }
}
