package io.leaderlatch.chaos;

/** Where a client reports what it sends, receives and sees happen to its connection. */
@FunctionalInterface
interface ClientSink {

    void record(Entry entry);
}
