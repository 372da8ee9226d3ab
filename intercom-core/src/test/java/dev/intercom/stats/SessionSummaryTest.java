package dev.intercom.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The summary shows every count the statistics rows carry. */
class SessionSummaryTest {

    @Test
    void everyCountOfTheStatisticsRowIsInTheSummary() throws Exception {
        StatsRow row = new StatsRow();
        long value = 1_000_001;
        for (Field field : StatsRow.class.getFields()) {
            if (field.getType() == long.class) {
                field.setLong(row, value);
                value += 1_000;
            }
        }
        String text = new SessionSummary(row, new Histogram(3), Map.of(), 0, 0, 0, 0, 0).toText();
        for (Field field : StatsRow.class.getFields()) {
            if (field.getType() == long.class) {
                assertTrue(java.util.regex.Pattern.compile(" " + field.getLong(row) + "\\b").matcher(text).find(),
                        field.getName() + " (" + field.getLong(row) + ") in: " + text);
            }
        }
    }

    @Test
    void aStreamThatOnlyFailedAuthenticationIsExplained() {
        StatsRow row = new StatsRow();
        row.authFailures = 250;
        String text = new SessionSummary(row, new Histogram(3), Map.of(), 0, 0, 0, 0, 0).toText();
        assertTrue(text.contains("auth failures 250,"), text);
        assertTrue(text.contains("every datagram from the peer failed SRTP authentication"), text);
    }
}
