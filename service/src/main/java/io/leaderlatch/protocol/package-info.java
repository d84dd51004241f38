/**
 * The line protocol: framing, commands and replies as values, and the per-connection session that
 * talks to the election coordinator.
 */
package io.leaderlatch.protocol;
