package dev.intercom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A party line's statistics: a segment and a row per peer, and totals summed over them. */
class PartyStatsTest {

    private static StatsRow peer(String address, boolean silent, long received, double rmsDbfs) {
        StatsRow r = new StatsRow();
        r.timeSeconds = 4;
        r.sentPackets = 3_000;
        r.cpuPercent = 7.5;
        r.inRmsDbfs = -15.1;
        r.inPeakDbfs = -12;
        r.outRmsDbfs = -9.3;
        r.outPeakDbfs = -3.5;
        r.mixLimitedSamples = 17;
        r.peer = address;
        r.peerSilent = silent;
        r.receivedPackets = received;
        r.lostPackets = 2;
        r.latePackets = 1;
        r.concealedBlocks = 3;
        r.foreignPackets = 5;
        r.jitterMs = 0.5;
        r.bufferMs = 6.25;
        r.rttMs = 0.4;
        r.peerRmsDbfs = rmsDbfs;
        r.peerPeakDbfs = rmsDbfs + 3;
        return r;
    }

    private final List<StatsRow> rows = List.of(peer("10.0.0.2:5004", false, 1_000, -15.1),
            peer("10.0.0.3:5004", true, 400, Double.NaN));

    @Test
    void theLogLineHasTheSessionThenASegmentPerPeer() {
        String line = StatsRow.toPartyLogLine(rows);
        assertTrue(line.startsWith("t=4.0s in=-15.1/-12.0dBFS out=-9.3/-3.5dBFS limited=17 cpu=7.5%"), line);
        assertTrue(line.contains(" | 10.0.0.2:5004 lost=2 late=1 jitter=0.50ms buffer=6.25ms"), line);
        assertTrue(line.contains(" rtt=0.40ms level=-15.1/-12.1dBFS"), line);
        assertTrue(line.contains(" | 10.0.0.3:5004 silent lost=2"), line);
        assertTrue(line.endsWith("level=-/-dBFS"), line);
    }

    @Test
    void theCsvPeerCellsFollowTheOthers() {
        assertEquals("10.0.0.3:5004,1,,,17", rows.get(1).toPeerCsv());
        assertEquals("10.0.0.2:5004,0,-12.1,-15.1,17", rows.get(0).toPeerCsv());
    }

    @Test
    void theTotalsSumThePeersAndTheSummaryListsEach() {
        StatsRow total = StatsRow.totalOf(rows, 9);
        assertEquals(1_400, total.receivedPackets);
        assertEquals(4, total.lostPackets);
        assertEquals(6, total.concealedBlocks);
        assertEquals(9, total.foreignPackets, "counted once for the session, not once per row");
        assertEquals(3_000, total.sentPackets);
        assertNull(total.peer);
        String text = new SessionSummary(total, new Histogram(3), Map.of(), 0, 0, 0, 0, 0, rows).toText();
        assertTrue(text.contains("received 1400, lost 4"), text);
        assertTrue(text.contains("peer 10.0.0.2:5004: received 1000, lost 2"), text);
        assertTrue(text.contains("peer 10.0.0.3:5004 (silent): received 400"), text);
        assertTrue(text.contains("mix: 17 samples saturated"), text);
    }
}
