/**
 * The client library: {@link io.leaderlatch.client.LeaderLatch}, a member of one election group
 * kept connected to the service, and {@link io.leaderlatch.client.JoinCommand}, the same on the
 * command line. It imports nothing but the JDK and nothing else of ours imports it, so it ships
 * alone as the {@code client} jar and runs in any JVM, whatever Netty that JVM carries.
 */
package io.leaderlatch.client;
