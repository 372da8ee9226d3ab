package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.stats.DropReason;
import dev.intercom.stats.SessionCounters;
import org.junit.jupiter.api.Test;

/** The silence warning on a party line names the peer in its hint, and counts the session's strangers. */
class PartySilenceWordingTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aSilentPartyPeerIsToldTheStrangersWithItsOwnAddress() {
        SessionCounters session = new SessionCounters();
        SessionCounters own = new SessionCounters();
        PeerSilenceWatch watch = new PeerSilenceWatch(own, session, true, "127.0.0.1:5006", 5004, 0);
        for (int i = 0; i < 3; i++) {
            session.drop(DropReason.FOREIGN); // nobody's: counted once for the whole session
        }
        watch.check(5 * S);
        assertTrue(watch.silent());
        assertEquals("nothing heard from the peer 127.0.0.1:5006 for 5 s; 3 datagrams came from addresses that are"
                + " no peer's: is --peer 127.0.0.1:5006 its address and port?", watch.warning(5 * S));
    }

    @Test
    void withOnePeerTheWordingIsAsBefore() {
        SessionCounters counters = new SessionCounters();
        PeerSilenceWatch watch = new PeerSilenceWatch(counters, "127.0.0.1:5006", 5004, 0);
        counters.drop(DropReason.FOREIGN);
        watch.check(5 * S);
        assertEquals("nothing heard from the peer 127.0.0.1:5006 for 5 s; 1 datagrams came from other addresses:"
                + " is --peer its address and port?", watch.warning(5 * S));
    }

    @Test
    void aSilentPartyPeerWithNoStrangersIsAskedWhetherItRuns() {
        SessionCounters session = new SessionCounters();
        PeerSilenceWatch watch = new PeerSilenceWatch(new SessionCounters(), session, true, "127.0.0.1:5008", 5004, 0);
        watch.check(6 * S);
        assertEquals("nothing heard from the peer 127.0.0.1:5008 for 6 s: is it running, and sending to our port 5004?",
                watch.warning(6 * S));
    }
}
