package io.leaderlatch.server;

import io.leaderlatch.config.StoreType;
import io.leaderlatch.election.ElectionCoordinator;

import java.util.List;
import java.util.Optional;

/** The {@link InstanceMXBean} of one running server: fixed facts from start-up, live ones from the coordinator. */
final class InstanceInfo implements InstanceMXBean {

    private final ElectionCoordinator coordinator;
    private final List<String> listeners;
    private final StoreType storeType;
    private final String store;
    private final boolean metersPublished;

    /**
     * @param listeners {@code name=host:port} of every bound listener
     * @param store the store's {@code describe()}
     */
    InstanceInfo(ElectionCoordinator coordinator, List<String> listeners, StoreType storeType, String store,
                 boolean metersPublished) {
        this.coordinator = coordinator;
        this.listeners = List.copyOf(listeners);
        this.storeType = storeType;
        this.store = store;
        this.metersPublished = metersPublished;
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

    /** The version in the jar's manifest; classes run from a build directory have none. */
    static String version() {
        return Optional.ofNullable(InstanceInfo.class.getPackage().getImplementationVersion()).orElse("dev");
    }
}
