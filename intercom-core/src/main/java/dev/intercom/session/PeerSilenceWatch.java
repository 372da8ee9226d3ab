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
 * session plays, or that came from other addresses. Time is passed in; one thread calls it.
 */
final class PeerSilenceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(PeerSilenceWatch.class);
    /** How long without a datagram from the peer before the warning. */
    static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SessionCounters counters;
    private final String peer;
    private final int localPort;
    private long lastHeardNanos;
    private long lastBytes;
    private boolean silent;
    private long authAtLastHeard;
    private long malformedAtLastHeard;
    private long foreignAtLastHeard;

    /**
     * @param peer      the peer as the user wrote it, for the message
     * @param localPort our port, the one the peer must send to
     */
    PeerSilenceWatch(SessionCounters counters, String peer, int localPort, long startNanos) {
        this.counters = counters;
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
            return;
        }
        if (!silent && nowNanos - lastHeardNanos >= SILENCE_NANOS) {
            silent = true;
            LOG.warn("nothing heard from the peer {} for {} s{}", peer, seconds(nowNanos - lastHeardNanos), instead());
        }
    }

    /** @return whether the peer is silent now (the warning was given and nothing came since) */
    boolean silent() {
        return silent;
    }

    private String instead() {
        long auth = counters.authFailures() - authAtLastHeard;
        long malformed = counters.malformedPackets() - malformedAtLastHeard;
        long foreign = counters.foreignPackets() - foreignAtLastHeard;
        if (auth > 0) {
            return ", but " + auth + " datagrams failed SRTP authentication: does it use the same --key and --crypto?";
        }
        if (malformed > 0) {
            return ", but " + malformed + " datagrams from it were not RTP this session plays (the log and the summary"
                    + " say why)";
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
