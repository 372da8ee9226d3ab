package dev.intercom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.intercom.net.PeerFilter.Source;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Only the peer is played; a NAT-rewritten port is latched only while the configured one is silent. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class PeerFilterTest {

    private static final long SECOND = 1_000_000_000L;
    private final InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 5004);
    private final InetSocketAddress rewritten = new InetSocketAddress("127.0.0.1", 40_000);
    private final InetSocketAddress stranger = new InetSocketAddress("127.0.0.2", 5004);
    private final PeerFilter filter = new PeerFilter(peer, 2 * SECOND, 0);

    @Test
    void theConfiguredPeerIsPlayedAndStrangersAreForeign() {
        assertEquals(Source.PEER, filter.classify(peer, SECOND));
        assertEquals(Source.FOREIGN, filter.classify(stranger, SECOND));
        assertEquals(Source.FOREIGN, filter.classify(rewritten, SECOND), "the peer's host, but the peer is talking");
        assertEquals(peer, filter.sendTarget());
    }

    @Test
    void atStartTheConfiguredPeerGetsItsGraceBeforeAnotherPortIsLatched() {
        assertEquals(Source.FOREIGN, filter.classify(rewritten, SECOND));
        assertEquals(Source.CANDIDATE, filter.classify(rewritten, 3 * SECOND));
    }

    @Test
    void aSilentPeerIsLatchedOnItsNewPortUntilTheConfiguredOneSpeaksAgain() {
        filter.classify(peer, 0);
        assertEquals(Source.CANDIDATE, filter.classify(rewritten, 3 * SECOND));
        filter.latch(rewritten, false);
        assertEquals(rewritten, filter.sendTarget());
        assertEquals(Source.LATCHED, filter.classify(rewritten, 4 * SECOND));
        assertEquals(Source.PEER, filter.classify(peer, 5 * SECOND));
        assertEquals(peer, filter.sendTarget());
        assertEquals(Source.FOREIGN, filter.classify(rewritten, 5 * SECOND));
    }

    @Test
    void withNoLatchAnotherPortIsNeverACandidate() {
        PeerFilter fixed = new PeerFilter(peer, PeerFilter.NEVER, 0);
        assertEquals(Source.FOREIGN, fixed.classify(rewritten, 3 * SECOND));
        assertEquals(Source.FOREIGN, fixed.classify(rewritten, Long.MAX_VALUE / 2));
        assertEquals(peer, fixed.sendTarget());
    }

    @Test
    void withNoPeerTheFirstValidSenderIsAnsweredAndOthersAreForeignWhileItTalks() {
        PeerFilter any = PeerFilter.anySender(2 * SECOND, 0);
        assertEquals(null, any.sendTarget(), "nobody to answer yet");
        assertEquals(Source.CANDIDATE, any.classify(stranger, SECOND));
        any.latch(stranger, false);
        assertEquals(stranger, any.sendTarget());
        assertEquals(Source.LATCHED, any.classify(stranger, 2 * SECOND));
        assertEquals(Source.FOREIGN, any.classify(peer, 3 * SECOND), "another sender while the first one talks");
        assertEquals(Source.LATCHED, any.classify(stranger, 4 * SECOND));
        assertEquals(stranger, any.sendTarget());
    }

    @Test
    void withNoPeerASilentSendersPlaceGoesToTheNextValidOne() {
        PeerFilter any = PeerFilter.anySender(2 * SECOND, 0);
        any.classify(stranger, SECOND);
        any.latch(stranger, false);
        assertEquals(Source.FOREIGN, any.classify(peer, 3 * SECOND), "silent for 2 s, not more");
        assertEquals(Source.CANDIDATE, any.classify(peer, 3 * SECOND + 1));
        assertEquals(stranger, any.sendTarget(), "a candidate is not answered until its datagram proves valid");
        any.latch(peer, false);
        assertEquals(peer, any.sendTarget());
        assertEquals(Source.FOREIGN, any.classify(stranger, 4 * SECOND), "the first sender, back too late");
        assertEquals(Source.LATCHED, any.classify(peer, 5 * SECOND));
    }
}
