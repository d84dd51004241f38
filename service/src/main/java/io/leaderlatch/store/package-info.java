/**
 * The election store SPI: asynchronous versioned reads and conditional writes with typed outcomes.
 * Implementations live in sub-packages and depend only on this package.
 */
package io.leaderlatch.store;
