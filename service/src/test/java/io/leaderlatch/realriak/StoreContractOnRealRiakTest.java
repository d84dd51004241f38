package io.leaderlatch.realriak;

import io.leaderlatch.store.ElectionStore;
import io.leaderlatch.store.ElectionStoreContract;
import io.leaderlatch.testing.riak.RealRiak;
import io.leaderlatch.testing.riak.RealRiakCluster;
import io.leaderlatch.testing.service.RealRiakStores;

import java.time.Duration;

/** The store contract, which the Riak protocol test server passes, against real Riak. */
@RealRiak
class StoreContractOnRealRiakTest extends ElectionStoreContract {

    @Override
    protected ElectionStore newStore() {
        RealRiakCluster riak = RealRiakCluster.fromEnvironment().orElseThrow();
        return RealRiakStores.open(riak, RealRiakCluster.freshBucket("contract"), Duration.ofSeconds(5));
    }
}
