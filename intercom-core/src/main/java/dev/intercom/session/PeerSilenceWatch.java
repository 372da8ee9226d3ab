package dev.intercom.session;

import dev.intercom.stats.SessionCounters;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when nothing has been heard from the peer for a while, and again when it is heard once
 * more: one line each, so a peer that never answers (wrong address, a firewall, not started, a
 * wrong key) does not pass as a quiet session. The line names what did arrive instead, where
 * the counters know it: datagrams that failed SRTP authentication, or that were not RTP this
 * session plays, or that came from other addresses. On a party line every line names the peer
 * it is about, and the datagrams from addresses that are no peer's (counted session-wide) are
 * told to each silent peer with its own address to check. Time is passed in; one thread calls it.
 */
final class PeerSilenceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(PeerSilenceWatch.class);
    /** How long without a datagram from the peer before the warning. */
    static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SessionCounters counters;
    /** Where datagrams from nobody's address are counted: the session's counters on a party line. */
    private final SessionCounters strangers;
    private final boolean party;
    private final String peer;
    private final int localPort;
    private long lastHeardNanos;
    private long lastBytes;
    private boolean silent;
    private long authAtLastHeard;
    private long malformedAtLastHeard;
    private long foreignAtLastHeard;
    private long strangersAtLastHeard;

    /**
     * @param peer      the peer as the user wrote it, for the message
     * @param localPort our port, the one the peer must send to
     */
    PeerSilenceWatch(SessionCounters counters, String peer, int localPort, long startNanos) {
        this(counters, counters, false, peer, localPort, startNanos);
    }

    /**
     * @param counters  the peer's own counters
     * @param strangers where datagrams from addresses no peer owns are counted (the session's)
     * @param party     whether this is one of several peers: the hints then name it
     */
    PeerSilenceWatch(SessionCounters counters, SessionCounters strangers, boolean party, String peer, int localPort,
            long startNanos) {
        this.counters = counters;
        this.strangers = strangers;
        this.party = party;
        this.peer = peer;
        this.localPort = localPort;
        this.lastHeardNanos = startNanos;
    }

    /** Looks at the counters now; call about once a second. */
    void check(long nowNanos) {
        long bytes = counters.receivedBytes();
        if (bytes != lastBytes) {
            if (silent) {
                LOG.info("the peer {} is heard again, after {} s of silence", peer, seconds(nowNanos - lastHeardNanos));
            }
            silent = false;
            lastBytes = bytes;
            lastHeardNanos = nowNanos;
            authAtLastHeard = counters.authFailures();
            malformedAtLastHeard = counters.malformedPackets();
            foreignAtLastHeard = counters.foreignPackets();
            strangersAtLastHeard = strangers.foreignPackets();
            return;
        }
        if (!silent && nowNanos - lastHeardNanos >= SILENCE_NANOS) {
            silent = true;
            LOG.warn("{}", warning(nowNanos));
        }
    }

    /** @return whether the peer is silent now (the warning was given and nothing came since) */
    boolean silent() {
        return silent;
    }

    /** @return the warning for a peer silent since it was last heard, as of {@code nowNanos} */
    String warning(long nowNanos) {
        return "nothing heard from the peer " + peer + " for " + seconds(nowNanos - lastHeardNanos) + " s" + instead();
    }

    private String instead() {
        long auth = counters.authFailures() - authAtLastHeard;
        long malformed = counters.malformedPackets() - malformedAtLastHeard;
        long foreign = counters.foreignPackets() - foreignAtLastHeard;
        if (strangers != counters) {
            foreign += strangers.foreignPackets() - strangersAtLastHeard;
        }
        if (auth > 0) {
            return ", but " + auth + " datagrams failed SRTP authentication: does it use the same --key and --crypto?";
        }
        if (malformed > 0) {
            return ", but " + malformed + " datagrams from it were not RTP this session plays (the log and the summary"
                    + " say why)";
        }
        if (foreign > 0 && party) {
            return "; " + foreign + " datagrams came from addresses that are no peer's: is --peer " + peer
                    + " its address and port?";
        }
        if (foreign > 0) {
            return "; " + foreign + " datagrams came from other addresses: is --peer its address and port?";
        }
        return ": is it running, and sending to our port " + localPort + "?";
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.0f", nanos / 1e9);
    }
}
