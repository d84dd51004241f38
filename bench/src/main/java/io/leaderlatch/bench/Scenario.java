package io.leaderlatch.bench;

import java.util.List;

/** One scenario: what it measures, and one trial of it on one contender. */
interface Scenario {

    /** A short name for choosing scenarios on the command line, e.g. {@code burst-1000}. */
    String id();

    List<Metric> metrics();

    /** The contenders it runs on, in the order of a first trial; later trials alternate. */
    List<ContenderKind> contenders();

    /** Runs one trial on {@code contender}, recording every metric of {@link #metrics()} at least once. */
    void run(Contender contender, Recorder out);
}
