package io.leaderlatch.admin;

import io.leaderlatch.server.InstanceRegistration;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer of {@code leader-latch metrics}: every meter of the service, one line each, sorted by
 * name, as the instance MBean reads them from the meter registry ({@link io.leaderlatch.server.MeterInfo}): the name,
 * the tags in braces, and the values, e.g.
 * {@code leaderlatch.joins{listener=internal,result=leader}  count=1}.
 */
final class MeterReport {

    private MeterReport() {
    }

    /** Asks the instance MBean of {@code domain} for the meters and formats them. */
    static List<String> read(MBeanServerConnection mbeans, String domain) throws IOException, JMException {
        return lines((CompositeData[]) mbeans.invoke(InstanceRegistration.name(domain), "meters", new Object[0],
                new String[0]));
    }

    static List<String> lines(CompositeData[] meters) {
        List<Row> rows = new ArrayList<>();
        for (CompositeData meter : meters) {
            String[] tags = (String[]) meter.get("tags");
            String name = meter.get("name") + (tags.length == 0 ? "" : Arrays.stream(tags)
                    .collect(Collectors.joining(",", "{", "}")));
            String values = Arrays.stream((CompositeData[]) meter.get("values"))
                    .map(value -> value.get("statistic") + "=" + number((Double) value.get("value")) + value.get("unit"))
                    .collect(Collectors.joining(" "));
            rows.add(new Row(name, values));
        }
        return format(rows);
    }

    /** Sorted by meter, the names padded so that the values line up. */
    static List<String> format(List<Row> rows) {
        int width = rows.stream().mapToInt(row -> row.meter().length()).max().orElse(0);
        return rows.stream().sorted(Comparator.comparing(Row::meter))
                .map(row -> String.format("%-" + width + "s  %s", row.meter(), row.values())).toList();
    }

    /** Whole numbers without a fraction; others to three decimals, trailing zeros dropped. */
    static String number(double number) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            return String.valueOf(number);
        }
        return BigDecimal.valueOf(number).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** One meter: its name with tags, and its values. */
    record Row(String meter, String values) {
    }
}
