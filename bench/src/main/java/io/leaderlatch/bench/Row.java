package io.leaderlatch.bench;

import java.util.Optional;

/**
 * One line of the result table. {@code zookeeper} is empty for rows ZooKeeper has no counterpart
 * for; {@code failure} says why a row has no figures.
 */
record Row(Metric metric, Optional<Summary> service, Optional<Summary> zookeeper, Optional<String> failure) {

    static Row failed(Metric metric, String why) {
        return new Row(metric, Optional.empty(), Optional.empty(), Optional.of(why));
    }

    /** How many times better this service is, by median, when both have figures. */
    Optional<Double> advantage() {
        if (service.isEmpty() || zookeeper.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(metric.unit().advantage(service.get().median(), zookeeper.get().median()));
    }
}
