/**
 * Load runs of the service ({@code scripts/load}, docs/reliability.md "Load" and "Join latency
 * during attacks"): the service in a JVM of its own, driven from this JVM by well-behaved and hostile
 * clients. Well-behaved clients' join latency under each attack, many members with the service's
 * live heap measured twice, and a steady churn of joins and leaves checked for leaks; any error or
 * leak fails the run.
 */
package io.leaderlatch.load;
