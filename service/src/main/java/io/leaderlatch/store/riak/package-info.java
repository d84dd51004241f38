/**
 * The election store in Riak: a bucket of a strongly consistent bucket type, reached through the
 * official Riak Java client. Depends only on the store SPI.
 */
package io.leaderlatch.store.riak;
