/**
 * The election rules: join, leave, next leader in join order, pushing changes to members. Talks
 * to storage only through the {@link io.leaderlatch.store.ElectionStore} SPI.
 */
package io.leaderlatch.election;
