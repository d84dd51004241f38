/** Start-up and shutdown: wires configuration, store, coordinator, listeners and meters. */
package io.leaderlatch.server;
