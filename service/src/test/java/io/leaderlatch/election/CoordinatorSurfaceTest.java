package io.leaderlatch.election;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.WriteOutcome;
import io.leaderlatch.store.embedded.EmbeddedStore;
import io.leaderlatch.testing.service.ForwardingStore;
import io.leaderlatch.testing.Timing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What {@link ElectionCoordinator} offers its callers: a lifecycle that starts once and closes
 * once, and no public method that is correct only on its own thread.
 */
class CoordinatorSurfaceTest {

    private static final String INSTANCE = "test/1";

    private final CountingStore store = new CountingStore(new EmbeddedStore(true));
    private final CoordinatorOptions options = ElectionCoordinatorTest.options(INSTANCE);
    private final ElectionCoordinator coordinator = new ElectionCoordinator(store, options, ElectionObserver.NONE);

    @AfterEach
    void closeAll() {
        coordinator.close();
        store.close();
    }

    private void startAndAwaitLease() {
        coordinator.start().orTimeout(Timing.patience().toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Test
    void aSecondStartIsRefused() {
        startAndAwaitLease();
        assertThatThrownBy(coordinator::start).isInstanceOf(IllegalStateException.class);
    }

    /**
     * A second start, refused or not, must not start a second round of store checks, renewals and
     * polls: the store is checked once, and renewals of the instance record keep their interval.
     */
    @Test
    void oneCoordinatorKeepsOneRenewalSchedule() {
        startAndAwaitLease();
        catchThrowable(coordinator::start);

        await().atMost(Timing.patience()).until(() -> store.instanceWrites().size() >= 4);
        List<Long> writes = store.instanceWrites();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < writes.size(); i++) {
            gaps.add(writes.get(i) - writes.get(i - 1));
        }
        // Renewals run at a fixed delay after the previous one ended: never closer than the interval.
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(options.renewInterval().toNanos()));
        assertThat(store.diagnoses).hasValue(1);
    }

    @Test
    void aClosedCoordinatorCannotBeStarted() {
        coordinator.close();
        assertThatThrownBy(coordinator::start).isInstanceOf(IllegalStateException.class);
        assertThat(store.diagnoses).hasValue(0);
    }

    @Test
    void closingTwiceIsHarmless() {
        startAndAwaitLease();
        coordinator.close();
        coordinator.close();
        ElectionCoordinator neverStarted = new ElectionCoordinator(store, options, ElectionObserver.NONE);
        neverStarted.close();
        neverStarted.close();
    }

    /**
     * The coordinator's internal listeners (what the lease keeper, the instance watcher and the
     * shard actors report) are correct only on the election thread: none of them is a public
     * method of the coordinator, and it implements none of their interfaces.
     */
    @Test
    void theCoordinatorOffersNoListenerCallbacks() {
        List<Class<?>> listeners = List.of(ShardActor.Listener.class, LeaseKeeper.Listener.class,
                InstanceWatcher.Listener.class);
        Set<String> callbacks = listeners.stream().flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .map(Method::getName).collect(Collectors.toSet());
        assertThat(callbacks).contains("leaseGained", "leaseLost", "instanceDead");

        List<String> publicMethods = Stream.of(ElectionCoordinator.class.getMethods())
                .filter(method -> method.getDeclaringClass() != Object.class)
                .map(Method::getName).toList();
        assertThat(publicMethods).doesNotContainAnyElementsOf(callbacks);
        assertThat(ElectionCoordinator.class.getInterfaces()).doesNotContainAnyElementsOf(listeners)
                .allMatch(type -> Modifier.isPublic(type.getModifiers()));
    }

    /** Counts store checks, and notes when each write of an instance record was asked for. */
    private static final class CountingStore extends ForwardingStore {

        final AtomicInteger diagnoses = new AtomicInteger();
        private final List<Long> instanceWrites = new CopyOnWriteArrayList<>();

        CountingStore(ElectionStore delegate) {
            super(delegate);
        }

        List<Long> instanceWrites() {
            return List.copyOf(instanceWrites);
        }

        @Override
        public CompletableFuture<WriteOutcome> create(String key, byte[] value) {
            noteWrite(key);
            return super.create(key, value);
        }

        @Override
        public CompletableFuture<WriteOutcome> compareAndSet(String key, Version expected, byte[] value) {
            noteWrite(key);
            return super.compareAndSet(key, expected, value);
        }

        @Override
        public CompletableFuture<Optional<String>> diagnose() {
            diagnoses.incrementAndGet();
            return super.diagnose();
        }

        private void noteWrite(String key) {
            if (key.equals(InstanceRecord.key(INSTANCE))) {
                instanceWrites.add(System.nanoTime());
            }
        }
    }
}
