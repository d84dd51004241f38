package io.leaderlatch.bench;

/** One row of the table: what is measured, in what unit. */
record Metric(String label, Unit unit) {
}
