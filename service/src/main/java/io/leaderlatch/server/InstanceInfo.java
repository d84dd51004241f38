package io.leaderlatch.server;

import io.leaderlatch.config.StoreType;
import io.leaderlatch.election.ElectionCoordinator;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The {@link InstanceMXBean} of one running server: fixed facts from start-up, live ones from the coordinator. */
final class InstanceInfo implements InstanceMXBean {

    /** How long a JMX caller waits for the store. */
    private static final Duration READ_BOUND = Duration.ofSeconds(15);

    private final ElectionCoordinator coordinator;
    private final List<String> listeners;
    private final StoreType storeType;
    private final String store;
    private final boolean metersPublished;
    private final MeterRegistry registry;

    /**
     * @param listeners {@code name=host:port} of every bound listener
     * @param store the store's {@code describe()}
     * @param registry the service's meters
     */
    InstanceInfo(ElectionCoordinator coordinator, List<String> listeners, StoreType storeType, String store,
                 boolean metersPublished, MeterRegistry registry) {
        this.coordinator = coordinator;
        this.listeners = List.copyOf(listeners);
        this.storeType = storeType;
        this.store = store;
        this.metersPublished = metersPublished;
        this.registry = registry;
    }

    @Override
    public String getInstanceId() {
        return coordinator.instanceId();
    }

    @Override
    public String[] getListeners() {
        return listeners.toArray(String[]::new);
    }

    @Override
    public String getStoreType() {
        return storeType.configName();
    }

    @Override
    public String getStore() {
        return store;
    }

    @Override
    public boolean isLeaseHeld() {
        return coordinator.holdsLease();
    }

    @Override
    public boolean isMetersPublished() {
        return metersPublished;
    }

    @Override
    public String getVersion() {
        return version();
    }

    @Override
    public ElectionInfo.Group[] groups(String group) {
        Optional<String> only = group == null || group.isBlank() ? Optional.empty() : Optional.of(group.strip());
        return ElectionInfo.groups(await(coordinator.readGroups(only)));
    }

    @Override
    public ElectionInfo.Instance[] instances() {
        return ElectionInfo.instances(await(coordinator.readInstances()));
    }

    @Override
    public MeterInfo[] meters() {
        if (!metersPublished) {
            throw new IllegalStateException(
                    "the service keeps its meters private (leader-latch.metrics.jmx-enabled = false)");
        }
        return registry.getMeters().stream().map(MeterInfo::of).toArray(MeterInfo[]::new);
    }

    /** Waits for a read of the store; its failure becomes the JMX caller's exception, with the reason. */
    private static <T> T await(CompletableFuture<T> read) {
        try {
            return read.get(READ_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the store: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the store did not answer within " + READ_BOUND.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** The version in the jar's manifest; classes run from a build directory have none. */
    static String version() {
        return Optional.ofNullable(InstanceInfo.class.getPackage().getImplementationVersion()).orElse("dev");
    }
}
