package io.leaderlatch.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTest {

    @Test
    void belowOneHundredSamplesTheTailIsTheWorstSample() {
        Summary times = Summary.of(List.of(3.0, 1.0, 2.0, 10.0), Unit.TIME);
        Summary rates = Summary.of(List.of(3.0, 1.0, 2.0, 10.0), Unit.RATE);

        assertThat(times).isEqualTo(new Summary(2.5, 10.0, "max", 4));
        assertThat(rates).isEqualTo(new Summary(2.5, 1.0, "min", 4));
    }

    @Test
    void fromOneHundredSamplesTheTailIsTheNearestRankPercentile() {
        List<Double> oneToTwoHundred = IntStream.rangeClosed(1, 200).mapToObj(i -> (double) i).toList();

        assertThat(Summary.of(oneToTwoHundred, Unit.TIME)).isEqualTo(new Summary(100.5, 198.0, "p99", 200));
        assertThat(Summary.of(oneToTwoHundred, Unit.RATE)).isEqualTo(new Summary(100.5, 3.0, "p1", 200));
    }
}
