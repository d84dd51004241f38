package io.leaderlatch.store.riak;

import com.basho.riak.client.core.NoNodesAvailableException;
import com.basho.riak.client.core.netty.RiakResponseException;
import io.leaderlatch.store.Conflict;
import io.leaderlatch.store.Unavailable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** How each failure riak-client or the transport reports becomes an outcome. */
class RiakOutcomesTest {

    private final RiakOutcomes outcomes = new RiakOutcomes("strong");

    @Test
    void failedIsAConflictForAWriteWhereverItSitsInTheCauseChain() {
        assertThat(outcomes.write(reply("failed"))).isInstanceOf(Conflict.class);
        assertThat(outcomes.write(new CompletionException(reply("failed")))).isInstanceOf(Conflict.class);
        assertThat(outcomes.read(reply("failed"))).isEqualTo(Unavailable.of("Riak answered failed"));
    }

    @Test
    void failuresAfterRiakMayHaveReceivedAWriteLeaveItsOutcomeUnknown() {
        assertThat(outcomes.write(reply("timeout"))).isEqualTo(unknown("Riak answered timeout: no quorum, or too slow"));
        assertThat(outcomes.write(reply("overload"))).isEqualTo(unknown("Riak answered overload"));
        assertThat(outcomes.write(new TimeoutException())).isEqualTo(unknown("no answer from Riak within the request timeout"));
        assertThat(outcomes.write(new IOException("reset")))
                .isEqualTo(unknown("connection to Riak failed: java.io.IOException: reset"));
        assertThat(outcomes.write(new RiakTransport.ClosedException()))
                .isEqualTo(unknown("store closed while the request was outstanding"));
    }

    @Test
    void failuresThatProveNothingWasWrittenAreUnavailableWithAKnownOutcome() {
        assertThat(outcomes.write(reply("unavailable")))
                .isEqualTo(Unavailable.of("Riak answered unavailable: strong consistency is off"));
        assertThat(outcomes.write(reply("no_type"))).isEqualTo(Unavailable.of("Riak bucket type 'strong' does not exist"));
        assertThat(outcomes.write(new NoNodesAvailableException())).isEqualTo(Unavailable.of("no Riak node accepted a connection"));
        assertThat(outcomes.write(new RiakTransport.NotSentException("store closed", null))).isEqualTo(Unavailable.of("store closed"));
    }

    @Test
    void readsAreNeverUnknown() {
        assertThat(outcomes.read(reply("timeout"))).isEqualTo(Unavailable.of("Riak answered timeout: no quorum, or too slow"));
        assertThat(outcomes.read(new TimeoutException())).isEqualTo(Unavailable.of("no answer from Riak within the request timeout"));
    }

    private static RiakResponseException reply(String errmsg) {
        return new RiakResponseException(0, errmsg);
    }

    private static Unavailable unknown(String reason) {
        return Unavailable.unknownOutcome(reason);
    }
}
