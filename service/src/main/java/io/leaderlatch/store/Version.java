package io.leaderlatch.store;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An opaque record version issued by a store (Riak: the causal context; embedded: a counter).
 * Only the store that issued it interprets it.
 */
public final class Version {

    /** The version of a deleted record. */
    public static final Version NONE = new Version(new byte[0]);

    private final byte[] token;

    private Version(byte[] token) {
        this.token = token;
    }

    public static Version of(byte[] token) {
        return token.length == 0 ? NONE : new Version(token.clone());
    }

    public byte[] token() {
        return token.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version version && Arrays.equals(token, version.token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(token, 0, Math.min(token.length, 8));
        return "Version[" + hex + (token.length > 8 ? "…" : "") + "]";
    }
}
