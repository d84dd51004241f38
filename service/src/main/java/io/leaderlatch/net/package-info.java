/**
 * Addresses as the service reads and writes them: {@link io.leaderlatch.net.HostAndPort} and IP
 * literal checks. Depends on nothing of the service, so that settings, stores and transports share
 * one way of putting IPv6 in brackets and taking them off.
 */
package io.leaderlatch.net;
