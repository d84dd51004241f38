package io.leaderlatch.store.riak;

import com.basho.riak.client.core.RiakFuture;
import com.basho.riak.client.core.RiakMessage;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BoundedPingHealthCheckTest {

    /** riak-client calls await() and then asks isSuccess() and cause(); a ping never answered fails. */
    @Test
    void aPingWithoutAnswerFailsTheHealthCheckOnceTheBoundHasPassed() {
        RiakFuture<RiakMessage, Void> ping = new BoundedPingHealthCheck(50).makeDecoder().getFuture();
        assertTimeoutPreemptively(Timing.patience(), () -> ping.await());
        assertThat(ping.isDone()).isTrue();
        assertThat(ping.isSuccess()).isFalse();
        assertThat(ping.cause()).isInstanceOf(TimeoutException.class).hasMessageContaining("50 ms");
        assertThatThrownBy(ping::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void beforeTheBoundAPingIsNotDone() throws InterruptedException {
        RiakFuture<RiakMessage, Void> ping = new BoundedPingHealthCheck(Timing.patience().toMillis()).getFuture();
        assertThat(ping.await(1, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(ping.isDone()).isFalse();
        assertThat(ping.isSuccess()).isFalse();
    }
}
