package io.leaderlatch.config;

import java.util.Arrays;
import java.util.Optional;

/** The values of {@code leader-latch.store.type}. */
public enum StoreType {
    /** In memory, one process: for trying the service out and for tests. */
    EMBEDDED("embedded"),
    /** Riak KV, in a strongly consistent bucket type: for several instances sharing one cluster. */
    RIAK("riak");

    private final String configName;

    StoreType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<StoreType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(type -> type.configName.equals(name)).findFirst();
    }
}
