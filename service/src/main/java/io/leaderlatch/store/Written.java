package io.leaderlatch.store;

/** The conditional write was applied; {@code version} is the record's new version. */
public record Written(Version version) implements WriteOutcome {
}
