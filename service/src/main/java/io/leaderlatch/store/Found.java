package io.leaderlatch.store;

import java.util.Arrays;

/** A record that exists, with the version a later conditional write must name. */
public record Found(byte[] value, Version version) implements ReadOutcome {

    public Found {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Found found
                && Arrays.equals(value, found.value) && version.equals(found.version);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + version.hashCode();
    }

    @Override
    public String toString() {
        return "Found[" + value.length + " bytes, " + version + "]";
    }
}
