package io.leaderlatch.server;

import io.leaderlatch.config.Settings;
import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.embedded.EmbeddedStore;

/** Builds the store that {@code leader-latch.store.type} names. */
final class StoreFactory {

    private StoreFactory() {
    }

    static ElectionStore create(Settings settings) {
        return switch (settings.store().type()) {
            case EMBEDDED -> new EmbeddedStore(settings.embedded().available());
            case RIAK -> throw new StartupException("leader-latch.store.type = riak is not wired into this build yet", null);
        };
    }
}
