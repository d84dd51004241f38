package io.leaderlatch.testing.riak;

import shaded.com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Issues vector clocks that never repeat: a random prefix per cluster, so a vclock from one
 * test's cluster never matches in another's, and a counter, so a key deleted and created again
 * never gets an old vclock back. Callers hold the cluster's lock.
 */
final class Vclocks {

    private final long clusterPrefix = new SecureRandom().nextLong();
    private long issued;

    ByteString next() {
        issued++;
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(clusterPrefix).putLong(issued).flip());
    }
}
