package io.leaderlatch.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What one latch was built with, validated once. */
record LatchOptions(String group, String client, List<InetSocketAddress> endpoints, Duration connectTimeout,
                    Duration backoffMin, Duration backoffMax, Duration confirmationWindow) {

    LatchOptions {
        Names.check("group", group);
        Names.check("client name", client);
        endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("no endpoints: call endpoints(...) before build()");
        }
        positive("connectTimeout", connectTimeout);
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout too long: " + connectTimeout);
        }
        positive("reconnect backoff minimum", backoffMin);
        positive("reconnect backoff maximum", backoffMax);
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("reconnect backoff maximum " + backoffMax + " is below its minimum " + backoffMin);
        }
        positive("confirmationWindow", confirmationWindow);
        if (confirmationWindow.toMillis() < 20) {
            throw new IllegalArgumentException("confirmationWindow must be at least 20 ms: " + confirmationWindow);
        }
    }

    private static void positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    String member() {
        return group + "/" + client;
    }
}
