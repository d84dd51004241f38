package io.leaderlatch.testing.riak;

import com.basho.riak.client.api.RiakClient;
import com.basho.riak.client.api.RiakCommand;
import com.basho.riak.client.core.RiakCluster;
import com.basho.riak.client.core.RiakFuture;
import com.basho.riak.client.core.RiakNode;
import com.basho.riak.client.core.operations.PingOperation;
import io.leaderlatch.testing.Timing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * riak-client 2.1.1, the client the product uses, connected to a test cluster with one
 * execution attempt per request, so every answer of the server reaches the caller unretried.
 * Every wait is bounded by {@link Timing#patience()}.
 */
final class OfficialClient implements AutoCloseable {

    private final RiakCluster cluster;
    private final RiakClient client;

    private OfficialClient(RiakCluster cluster) {
        this.cluster = cluster;
        this.client = new RiakClient(cluster);
    }

    static OfficialClient connect(List<InetSocketAddress> endpoints) {
        List<RiakNode> nodes = endpoints.stream()
                .map(endpoint -> new RiakNode.Builder()
                        .withRemoteAddress(endpoint.getHostString())
                        .withRemotePort(endpoint.getPort())
                        .build())
                .toList();
        RiakCluster cluster = new RiakCluster.Builder(nodes).withExecutionAttempts(1).build();
        cluster.start();
        return new OfficialClient(cluster);
    }

    /** Runs the command and waits for its result; a Riak error arrives as an {@link ExecutionException}. */
    <T, S> T execute(RiakCommand<T, S> command) throws ExecutionException, InterruptedException, TimeoutException {
        return executeAsync(command).get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS);
    }

    <T, S> RiakFuture<T, S> executeAsync(RiakCommand<T, S> command) {
        return client.executeAsync(command);
    }

    void ping() throws ExecutionException, InterruptedException, TimeoutException {
        cluster.execute(new PingOperation()).get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Shuts the client down. riak-client waits for requests in flight, so a test that left one
     * unanswered must close its connection first (e.g. {@link RiakTestNode#dropConnections()}).
     */
    @Override
    public void close() throws Exception {
        if (!client.shutdown().get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("riak-client did not shut down within " + Timing.patience());
        }
    }
}
