package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.stats.SessionCounters;
import org.junit.jupiter.api.Test;

/** The silence warning in virtual time: after 5 s without a datagram, and back when one comes. */
class PeerSilenceWatchTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aPeerNeverHeardIsReportedAfterFiveSecondsAndAPeerHeardAgainIsNoLongerSilent() {
        SessionCounters counters = new SessionCounters();
        PeerSilenceWatch watch = new PeerSilenceWatch(counters, "127.0.0.1:5006", 5004, 0);
        for (long t = 1; t <= 4; t++) {
            watch.check(t * S);
            assertFalse(watch.silent(), "not yet at " + t + " s");
        }
        watch.check(5 * S);
        assertTrue(watch.silent());
        counters.received(100);
        watch.check(6 * S);
        assertFalse(watch.silent(), "heard again");
        for (long t = 7; t <= 10; t++) {
            counters.received(100);
            watch.check(t * S);
            assertFalse(watch.silent());
        }
        watch.check(14 * S);
        assertFalse(watch.silent(), "4 s of quiet is not silence");
        watch.check(15 * S);
        assertTrue(watch.silent(), "5 s after the last datagram");
    }
}
