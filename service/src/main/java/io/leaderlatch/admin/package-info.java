/**
 * The admin tool: the Java side of {@code scripts/leader-latch status}, {@code metrics},
 * {@code groups}, {@code instances}, {@code check-config} and of {@code start}'s wait. It runs in a
 * JVM of its own and reads the service through its instance MBean.
 */
package io.leaderlatch.admin;
