/** The embedded, single-process election store used for trying the service out and for tests. */
package io.leaderlatch.store.embedded;
