package io.leaderlatch.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Spark daemon is started here: the class path of this project's tests (Spark, its
 * dependencies and the adapter's classes) and the JVM options Spark's own launcher adds on Java 17.
 */
record SparkJvm(String classpath, Path logDir) {

    /**
     * The module openings of Spark's {@code JavaModuleOptions}, which {@code spark-class} adds and a
     * plain {@code java} command does not; Spark 3.5 fails without them on Java 17.
     */
    private static final List<String> MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** The class path of the running tests, as Surefire gives it (or of the trials' own JVM). */
    static SparkJvm ofThisJvm(Path logDir) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new SparkJvm(classpath, logDir);
    }

    ChildProcess start(String name, List<String> properties, String main, List<String> args) {
        return start(Placement.LOOPBACK, name, properties, main, args);
    }

    ChildProcess start(Placement placement, String name, List<String> properties, String main, List<String> args) {
        List<String> options = new ArrayList<>(MODULE_OPTIONS);
        // Small and quick to start: up to five JVMs share two cores in the tests.
        options.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        options.addAll(properties);
        return ChildProcess.startJava(placement, name, logDir, classpath, options, main, args);
    }
}
