package io.leaderlatch.store.riak;

import com.basho.riak.client.core.RiakFuture;
import com.basho.riak.client.core.RiakFutureListener;
import com.basho.riak.client.core.RiakMessage;
import com.basho.riak.client.core.netty.HealthCheckDecoder;
import com.basho.riak.client.core.netty.PingHealthCheck;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * riak-client's ping health check with a bound on the wait for the answer.
 *
 * <p>riak-client pings a node that keeps failing and takes it out of rotation while the ping
 * fails, but it waits for the ping without end. A node that never answers, or a connection closed
 * just as the ping's handler is added (its close event is then never seen), would hold a
 * health-check thread for good and leave the node in rotation, failing every request it gets.
 * Here a ping without an answer within the bound is a failed health check.
 */
final class BoundedPingHealthCheck extends PingHealthCheck {

    private final long timeoutMillis;

    BoundedPingHealthCheck(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public HealthCheckDecoder makeDecoder() {
        return new BoundedPingHealthCheck(timeoutMillis);
    }

    @Override
    public RiakFuture<RiakMessage, Void> getFuture() {
        return new BoundedFuture(super.getFuture(), timeoutMillis);
    }

    /** The ping's future, failed with a {@link TimeoutException} once {@link #await()} gives up. */
    private static final class BoundedFuture implements RiakFuture<RiakMessage, Void> {

        private final RiakFuture<RiakMessage, Void> ping;
        private final long timeoutMillis;
        private volatile boolean timedOut;

        BoundedFuture(RiakFuture<RiakMessage, Void> ping, long timeoutMillis) {
            this.ping = ping;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void await() throws InterruptedException {
            if (!ping.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                timedOut = true;
            }
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            return ping.await(timeout, unit);
        }

        @Override
        public boolean isDone() {
            return timedOut || ping.isDone();
        }

        @Override
        public boolean isSuccess() {
            return !timedOut && ping.isSuccess();
        }

        @Override
        public Throwable cause() {
            return timedOut ? timeout() : ping.cause();
        }

        @Override
        public RiakMessage get() throws InterruptedException, ExecutionException {
            await();
            if (timedOut) {
                throw new ExecutionException(timeout());
            }
            return ping.get();
        }

        @Override
        public RiakMessage get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return ping.get(timeout, unit);
        }

        @Override
        public RiakMessage getNow() {
            return ping.getNow();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return ping.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return ping.isCancelled();
        }

        @Override
        public Void getQueryInfo() {
            return null;
        }

        @Override
        public void addListener(RiakFutureListener<RiakMessage, Void> listener) {
            ping.addListener(listener);
        }

        @Override
        public void removeListener(RiakFutureListener<RiakMessage, Void> listener) {
            ping.removeListener(listener);
        }

        private TimeoutException timeout() {
            return new TimeoutException("no answer to a health-check ping within " + timeoutMillis + " ms");
        }
    }
}
