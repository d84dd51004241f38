package io.leaderlatch.testing.riak;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class of the real-Riak suite: it runs only when the environment names a real cluster
 * ({@link RealRiakCluster}), and reports itself skipped, loudly, when not. {@code faults = true}:
 * it also stops and starts nodes, so it needs the cluster's control command as well.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-riak")
@ExtendWith(RealRiakCondition.class)
public @interface RealRiak {

    boolean faults() default false;
}
