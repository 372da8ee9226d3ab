package dev.intercom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The log line: the essentials by default, every field with --verbose, no network fields for a loopback. */
class StatsRowTest {

    private static StatsRow row() {
        StatsRow row = new StatsRow();
        row.timeSeconds = 3;
        row.lostPackets = 2;
        row.jitterMs = 0.25;
        row.bufferMs = 3.5;
        row.e2eLatencyMs = 9.25;
        row.rttMs = 0.4;
        row.inPeakDbfs = -12.04;
        row.inRmsDbfs = -15.05;
        row.outPeakDbfs = -12.1;
        row.outRmsDbfs = -15.2;
        return row;
    }

    @Test
    void theDefaultLineHasTheEssentialsOnly() {
        String line = row().toLogLine(false, true);
        assertEquals("t=3.0s lost=2 late=0 concealed=0 jitter=0.25ms buffer=3.50ms e2e=9.25ms rtt=0.40ms "
                + "in=-15.1/-12.0dBFS out=-15.2/-12.1dBFS", line);
    }

    @Test
    void theVerboseLineHasEveryFieldAndTheLoopbackLineNoNetworkField() {
        String verbose = row().toLogLine(true, true);
        for (String field : new String[] {"sent=", "dup=", "foreign=", "malformed=", "network=", "skew=",
            "remote_loss=", "auth_failures=", "rtcp_rejected=", "device_underruns=", "cpu=", "in=", "out="}) {
            assertTrue(verbose.contains(" " + field), field + " in " + verbose);
        }
        for (boolean all : new boolean[] {false, true}) {
            String loopback = row().toLogLine(all, false);
            for (String field : new String[] {"lost=", "late=", "jitter=", "rtt=", "recv=", "sent=", "network=",
                "skew=", "auth_failures="}) {
                assertFalse(loopback.contains(" " + field), field + " in " + loopback);
            }
            assertTrue(loopback.contains(" buffer=3.50ms") && loopback.contains(" e2e=9.25ms")
                    && loopback.contains(" in=-15.1/-12.0dBFS"), loopback);
        }
    }

    @Test
    void theCsvHasTheLevelsAfterTheColumnsBeforeThem() {
        String[] cells = row().toCsv().split(",", -1);
        assertEquals(StatsRow.COLUMNS.size(), cells.length);
        int inPeak = StatsRow.COLUMNS.indexOf("in_peak_dbfs");
        assertEquals(StatsRow.COLUMNS.indexOf("device_underruns") + 1, inPeak, "new columns go after the old ones");
        assertEquals("-12.0", cells[inPeak]);
        assertEquals("-15.2", cells[StatsRow.COLUMNS.indexOf("out_rms_dbfs")]);
        assertEquals("capture_stale_ms", StatsRow.COLUMNS.get(StatsRow.COLUMNS.size() - 1));
        assertEquals("capture_overrun_ms", StatsRow.COLUMNS.get(StatsRow.COLUMNS.size() - 2));
    }
}
