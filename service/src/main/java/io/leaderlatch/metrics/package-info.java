/** Meter names and the meter registry (JMX) the service reports to. */
package io.leaderlatch.metrics;
