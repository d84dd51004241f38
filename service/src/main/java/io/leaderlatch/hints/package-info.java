/**
 * Change hints over UDP: the socket that sends and takes them, their wire format and the addresses
 * instances publish for them (docs/architecture.md, "Change hints").
 */
package io.leaderlatch.hints;
