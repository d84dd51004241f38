package io.leaderlatch.testing.riak;

import com.basho.riak.client.api.cap.VClock;
import com.basho.riak.client.api.commands.kv.DeleteValue;
import com.basho.riak.client.api.commands.kv.FetchValue;
import com.basho.riak.client.api.commands.kv.StoreValue;
import com.basho.riak.client.core.RiakFuture;
import com.basho.riak.client.core.netty.RiakResponseException;
import com.basho.riak.client.core.query.Location;
import com.basho.riak.client.core.query.Namespace;
import com.basho.riak.client.core.query.RiakObject;
import com.basho.riak.client.core.util.BinaryValue;
import io.leaderlatch.testing.Timing;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The test cluster as the product sees it: through riak-client 2.1.1. */
class RiakTestClusterTest {

    @RegisterExtension
    final RiakTestClusterExtension riak = RiakTestClusterExtension.withNodes(2);

    private final List<OfficialClient> clients = new ArrayList<>();
    private final Location key = new Location(new Namespace("strong", "election"), "group/a");

    @AfterEach
    void closeClients() throws Exception {
        for (OfficialClient client : clients) {
            client.close();
        }
    }

    @Test
    void answersPing() throws Exception {
        client().ping();

        assertThat(riak.cluster().node(0).requestCount()).isEqualTo(1);
    }

    @Test
    void fetchOfAnAbsentKeyIsNotFoundWithoutVclock() throws Exception {
        FetchValue.Response response = client().execute(fetch(key));

        assertThat(response.isNotFound()).isTrue();
        assertThat(response.getVectorClock()).isNull();
    }

    @Test
    void createStoresTheValueAndAnswersItsVclockWhenAskedForTheHead() throws Exception {
        OfficialClient client = client();

        VClock created = client.execute(create(key, "v1")).getVectorClock();

        assertThat(created).isNotNull();
        assertThat(riak.cluster().value("strong", "election", "group/a")).hasValueSatisfying(
                value -> assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo("v1"));
        FetchValue.Response fetched = client.execute(fetch(key));
        assertThat(valueOf(fetched)).isEqualTo("v1");
        assertThat(fetched.getVectorClock().getBytes()).isEqualTo(created.getBytes());
    }

    @Test
    void putWithoutReturnHeadAnswersNoVclock() throws Exception {
        StoreValue plain = new StoreValue.Builder(object("v1")).withLocation(key).build();

        assertThat(client().execute(plain).getVectorClock()).isNull();
    }

    @Test
    void secondCreateFails() throws Exception {
        OfficialClient client = client();
        client.execute(create(key, "v1"));

        assertRiakError(() -> client.execute(create(key, "v2")), "failed");
        assertThat(valueOf(client.execute(fetch(key)))).isEqualTo("v1");
    }

    @Test
    void createWithIfNoneMatchOnAnExistingKeyFails() throws Exception {
        OfficialClient client = client();
        client.execute(create(key, "v1"));

        StoreValue ifNoneMatch = new StoreValue.Builder(object("v2")).withLocation(key)
                .withOption(StoreValue.Option.IF_NONE_MATCH, true).build();
        assertRiakError(() -> client.execute(ifNoneMatch), "failed");
    }

    @Test
    void putWithTheCurrentVclockReplacesTheValueAndIssuesANewVclock() throws Exception {
        OfficialClient client = client();
        VClock v1 = client.execute(create(key, "v1")).getVectorClock();

        VClock v2 = client.execute(update(key, "v2", v1)).getVectorClock();

        assertThat(v2.getBytes()).isNotEqualTo(v1.getBytes());
        assertThat(valueOf(client.execute(fetch(key)))).isEqualTo("v2");
    }

    @Test
    void putWithAStaleVclockFails() throws Exception {
        OfficialClient client = client();
        VClock v1 = client.execute(create(key, "v1")).getVectorClock();
        client.execute(update(key, "v2", v1));

        assertRiakError(() -> client.execute(update(key, "v3", v1)), "failed");
        assertThat(valueOf(client.execute(fetch(key)))).isEqualTo("v2");
    }

    @Test
    void putWithAVclockOnAnAbsentKeyFails() throws Exception {
        OfficialClient client = client();
        VClock v1 = client.execute(create(key, "v1")).getVectorClock();
        Location other = new Location(key.getNamespace(), "group/b");

        assertRiakError(() -> client.execute(update(other, "v1", v1)), "failed");
    }

    @Test
    void deleteWithAStaleVclockFails() throws Exception {
        OfficialClient client = client();
        VClock v1 = client.execute(create(key, "v1")).getVectorClock();
        client.execute(update(key, "v2", v1));

        assertRiakError(() -> client.execute(delete(key, v1)), "failed");
        assertThat(riak.cluster().keys("strong", "election")).containsExactly("group/a");
    }

    @Test
    void deleteWithTheCurrentVclockRemovesTheKey() throws Exception {
        OfficialClient client = client();
        VClock v1 = client.execute(create(key, "v1")).getVectorClock();

        client.execute(delete(key, v1));

        assertThat(client.execute(fetch(key)).isNotFound()).isTrue();
        assertThat(riak.cluster().keys("strong", "election")).isEmpty();
    }

    @Test
    void aKeyCreatedAgainNeverMatchesAnOldVclock() throws Exception {
        OfficialClient client = client();
        VClock old = client.execute(create(key, "v1")).getVectorClock();
        client.execute(delete(key, old));

        VClock fresh = client.execute(create(key, "v2")).getVectorClock();

        assertThat(fresh.getBytes()).isNotEqualTo(old.getBytes());
        assertRiakError(() -> client.execute(update(key, "v3", old)), "failed");
        assertRiakError(() -> client.execute(delete(key, old)), "failed");
    }

    @Test
    void inANonConsistentTypeASecondPutWithoutVclockWins() throws Exception {
        OfficialClient client = client();
        Location plain = new Location(new Namespace("default", "election"), "group/a");
        client.execute(create(plain, "v1"));

        client.execute(create(plain, "v2"));

        assertThat(valueOf(client.execute(fetch(plain)))).isEqualTo("v2");
    }

    @Test
    void createdBucketTypesFollowTheirConsistency() throws Exception {
        riak.cluster().createBucketType("election", true);
        riak.cluster().createBucketType("loose", false);
        OfficialClient client = client();
        Location consistent = new Location(new Namespace("election", "b"), "k");
        Location loose = new Location(new Namespace("loose", "b"), "k");
        client.execute(create(consistent, "v1"));
        client.execute(create(loose, "v1"));

        assertRiakError(() -> client.execute(create(consistent, "v2")), "failed");
        client.execute(create(loose, "v2"));
    }

    @Test
    void aMissingBucketTypeIsNoType() throws Exception {
        OfficialClient client = client();
        Location missing = new Location(new Namespace("missing", "b"), "k");

        assertRiakError(() -> client.execute(fetch(missing)), "no_type");
        assertRiakError(() -> client.execute(create(missing, "v1")), "no_type");
        assertRiakError(() -> client.execute(new DeleteValue.Builder(missing).build()), "no_type");
    }

    @Test
    void nodesShareOneState() throws Exception {
        VClock written = client(0).execute(create(key, "v1")).getVectorClock();

        OfficialClient other = client(1);
        FetchValue.Response read = other.execute(fetch(key));

        assertThat(valueOf(read)).isEqualTo("v1");
        assertThat(read.getVectorClock().getBytes()).isEqualTo(written.getBytes());
        assertRiakError(() -> other.execute(create(key, "v2")), "failed");
    }

    @Test
    void clearDropsTheDataAndKeepsTheBucketTypes() throws Exception {
        riak.cluster().createBucketType("election", true);
        OfficialClient client = client();
        Location created = new Location(new Namespace("election", "b"), "k");
        client.execute(create(created, "v1"));

        riak.cluster().clear();

        assertThat(riak.cluster().keys("election", "b")).isEmpty();
        client.execute(create(created, "v2"));
    }

    @Test
    void aCutOffNodeFailsEveryRequestUntilRestored() throws Exception {
        RiakTestNode node = riak.cluster().node(0);
        OfficialClient client = client(0);
        client.execute(create(key, "v1"));

        node.cutOff();

        // riak-client reports a closed connection, or no node at all once its health check has
        // taken the node out; it is never a Riak error.
        assertThatThrownBy(() -> client.execute(fetch(key)))
                .isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(RiakResponseException.class);
        assertThat(valueOf(client(1).execute(fetch(key)))).isEqualTo("v1");

        node.restore();

        await().atMost(Timing.patience()).ignoreExceptions()
                .untilAsserted(() -> assertThat(valueOf(client.execute(fetch(key)))).isEqualTo("v1"));
    }

    @Test
    void answerTimeoutAppliesNothing() throws Exception {
        riak.cluster().node(0).answerTimeout();
        OfficialClient client = client(0);

        assertRiakError(() -> client.execute(create(key, "v1")), "timeout");
        assertRiakError(() -> client.execute(fetch(key)), "timeout");
        assertThat(riak.cluster().keys("strong", "election")).isEmpty();
        client.ping();
    }

    @Test
    void answerUnavailableAppliesNothing() throws Exception {
        riak.cluster().answerUnavailableAll();
        OfficialClient client = client();

        assertRiakError(() -> client.execute(create(key, "v1")), "unavailable");
        assertRiakError(() -> client.execute(create(key, "v1")), "unavailable");
        assertThat(riak.cluster().keys("strong", "election")).isEmpty();

        riak.cluster().restoreAll();
        client.execute(create(key, "v1"));
    }

    @Test
    void applyThenTimeoutAppliesTheWriteAndAnswersTimeout() throws Exception {
        riak.cluster().node(0).applyThenTimeout(1);
        OfficialClient client = client(0);

        assertRiakError(() -> client.execute(create(key, "v1")), "timeout");

        assertThat(riak.cluster().value("strong", "election", "group/a")).isPresent();
        FetchValue.Response fetched = client.execute(fetch(key));
        assertThat(valueOf(fetched)).isEqualTo("v1");
        client.execute(update(key, "v2", fetched.getVectorClock()));
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        Duration delay = Duration.ofMillis(300);
        riak.cluster().node(0).latency(delay);
        OfficialClient client = client(0);

        long start = System.nanoTime();
        client.execute(fetch(key));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void latencyByKindDelaysGetsCreatesAndConditionalWritesEachByTheirOwn() throws Throwable {
        Duration get = Duration.ofMillis(50);
        Duration create = Duration.ofMillis(400);
        Duration update = Duration.ofMillis(800);
        RiakTestNode node = riak.cluster().node(0);
        OfficialClient client = client(0);
        client.ping();
        node.latency(new RequestLatency(get, create, update, Duration.ZERO));

        assertThat(timeOf(() -> client.execute(fetch(key)))).isBetween(get, create);
        assertThat(timeOf(() -> client.execute(create(key, "v1")))).isBetween(create, update);
        VClock vclock = client.execute(fetch(key)).getVectorClock();
        assertThat(timeOf(() -> client.execute(update(key, "v2", vclock)))).isGreaterThanOrEqualTo(update);
        VClock next = client.execute(fetch(key)).getVectorClock();
        assertThat(timeOf(() -> client.execute(delete(key, next)))).isGreaterThanOrEqualTo(update);
    }

    private static Duration timeOf(ThrowingCallable request) throws Throwable {
        long start = System.nanoTime();
        request.call();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aStalledNodeNeverAnswers() throws Exception {
        RiakTestNode node = riak.cluster().node(0);
        node.stall();
        OfficialClient client = client(0);

        // riak-client has no request timeout of its own: the caller's wait is the only bound.
        RiakFuture<StoreValue.Response, Location> stalled = client.executeAsync(create(key, "v1"));
        assertThatThrownBy(() -> stalled.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(riak.cluster().keys("strong", "election")).isEmpty();
        assertThat(node.requestCount()).isZero();

        // The stalled request stays in flight until its connection closes.
        node.dropConnections();
        assertThatThrownBy(() -> stalled.get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
        node.restore();
        client.execute(create(key, "v1"));
    }

    @Test
    void afterDroppedConnectionsTheNextRequestSucceeds() throws Exception {
        OfficialClient client = client(0);
        client.execute(create(key, "v1"));

        riak.cluster().node(0).dropConnections();

        // riak-client may not have seen the close yet and reuse the pooled connection: that one
        // request fails as if it were in flight, and the next one connects afresh.
        try {
            client.execute(fetch(key));
        } catch (ExecutionException raced) {
            assertThat(raced.getCause()).isNotInstanceOf(RiakResponseException.class);
        }
        assertThat(valueOf(client.execute(fetch(key)))).isEqualTo("v1");
    }

    @Test
    void aRequestInFlightWhenConnectionsDropFailsAndTheNextSucceeds() throws Exception {
        RiakTestNode node = riak.cluster().node(0);
        OfficialClient client = client(0);
        node.latency(Timing.patience());
        RiakFuture<FetchValue.Response, Location> inFlight = client.executeAsync(fetch(key));
        await().atMost(Timing.patience()).until(() -> node.requestCount() == 1);
        node.restore();

        node.dropConnections();

        assertThatThrownBy(() -> inFlight.get(Timing.patience().toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().hasMessage("Connection closed unexpectantly");
        assertThat(client.execute(fetch(key)).isNotFound()).isTrue();
    }

    private OfficialClient client() {
        return connect(riak.cluster().endpoints());
    }

    private OfficialClient client(int node) {
        return connect(List.of(riak.cluster().node(node).address()));
    }

    private OfficialClient connect(List<InetSocketAddress> endpoints) {
        OfficialClient client = OfficialClient.connect(endpoints);
        clients.add(client);
        return client;
    }

    private static RiakObject object(String value) {
        return new RiakObject().setValue(BinaryValue.create(value));
    }

    private static FetchValue fetch(Location location) {
        return new FetchValue.Builder(location).build();
    }

    private static StoreValue create(Location location, String value) {
        return new StoreValue.Builder(object(value)).withLocation(location)
                .withOption(StoreValue.Option.RETURN_HEAD, true).build();
    }

    private static StoreValue update(Location location, String value, VClock vclock) {
        return new StoreValue.Builder(object(value)).withLocation(location).withVectorClock(vclock)
                .withOption(StoreValue.Option.RETURN_HEAD, true).build();
    }

    private static DeleteValue delete(Location location, VClock vclock) {
        return new DeleteValue.Builder(location).withVClock(vclock).build();
    }

    private static String valueOf(FetchValue.Response response) throws Exception {
        return response.getValue(RiakObject.class).getValue().toStringUtf8();
    }

    private static void assertRiakError(ThrowingCallable call, String errmsg) {
        assertThatThrownBy(call).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RiakResponseException.class).hasMessage(errmsg);
    }
}
