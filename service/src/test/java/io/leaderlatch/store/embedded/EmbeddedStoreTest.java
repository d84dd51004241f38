package io.leaderlatch.store.embedded;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.ElectionStoreContract;
import io.leaderlatch.store.Found;
import io.leaderlatch.store.Unavailable;
import io.leaderlatch.store.Version;
import io.leaderlatch.store.Written;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedStoreTest extends ElectionStoreContract {

    @Override
    protected ElectionStore newStore() {
        return new EmbeddedStore(true);
    }

    @Test
    void switchedUnavailableItAnswersEveryCallUnavailableAndKeepsItsRecords() {
        EmbeddedStore embedded = (EmbeddedStore) store;
        Version version = ((Written) await(embedded.create("group/a", bytes("one")))).version();
        embedded.setAvailable(false);
        assertThat(await(embedded.get("group/a"))).isInstanceOf(Unavailable.class);
        assertThat(await(embedded.compareAndSet("group/a", version, bytes("two")))).isInstanceOf(Unavailable.class);
        assertThat(await(embedded.delete("group/a", version))).isInstanceOf(Unavailable.class);
        embedded.setAvailable(true);
        assertThat(text(((Found) await(embedded.get("group/a"))).value())).isEqualTo("one");
    }

    @Test
    void startedUnavailableItRefusesWritesUntilSwitchedOn() {
        try (EmbeddedStore down = new EmbeddedStore(false)) {
            assertThat(await(down.create("group/a", bytes("one")))).isInstanceOf(Unavailable.class);
            down.setAvailable(true);
            assertThat(await(down.create("group/a", bytes("one")))).isInstanceOf(Written.class);
        }
    }
}
