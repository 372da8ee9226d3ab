package dev.intercom.net;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whose datagrams are played: only the configured peer's. One exception serves peers
 * behind a NAT that rewrites their source port: while nothing has arrived from the configured
 * address for {@code latchAfterNanos}, valid RTP from the same IP address on another port is
 * accepted and we <em>latch</em> onto that port, sending our stream there too. As soon as the
 * configured address is heard again, it wins back. Datagrams from any other address are foreign.
 * With SRTP the receive handler latches only after the candidate's packet authenticated; with
 * plain RTP any process on the peer's host could take the stream, so the latch is a warning,
 * and {@link #NEVER} (for {@code --no-latch}) turns latching off.
 *
 * <p>Without a configured peer ({@link #anySender}: {@code intercom reflect} with no {@code
 * --peer}) the same rule answers whoever sends: the first valid RTP sender is latched, anyone
 * else is foreign while it is heard, and once it has been silent for {@code latchAfterNanos}
 * the next valid sender is latched instead. Until then nothing is sent ({@link #sendTarget()}
 * is null). Used by the receive thread; {@link #sendTarget()} may be read from any thread.
 */
public final class PeerFilter {

    private static final Logger LOG = LoggerFactory.getLogger(PeerFilter.class);

    /** Where a datagram came from, as far as playing it goes. */
    public enum Source {
        /** The configured peer. */
        PEER,
        /** The port we latched onto while the configured one is silent. */
        LATCHED,
        /** The peer's IP on another port while the configured one is silent: latch if it is valid RTP. */
        CANDIDATE,
        /** Anyone else: dropped and counted. */
        FOREIGN
    }

    /** A {@code latchAfterNanos} that never comes: only the configured address is heard. */
    public static final long NEVER = Long.MAX_VALUE;

    /** The {@code --peer} address, or null when the filter answers any sender. */
    private final InetSocketAddress configured;
    private final long latchAfterNanos;
    private volatile InetSocketAddress latched;
    private long lastHeardFromConfigured;
    /** With no configured peer: when the latched sender was last heard. */
    private long lastHeardFromLatched;
    /** With no configured peer: when the latest candidate was classified. */
    private long lastCandidateNanos;

    /**
     * @param configured      the resolved {@code --peer} address
     * @param latchAfterNanos how long the configured address must be silent before latching;
     *                        {@link #NEVER} to never latch
     * @param nowNanos        the start: the configured peer gets {@code latchAfterNanos} to be heard
     */
    public PeerFilter(InetSocketAddress configured, long latchAfterNanos, long nowNanos) {
        this.configured = configured;
        this.latchAfterNanos = latchAfterNanos;
        this.lastHeardFromConfigured = nowNanos;
    }

    /**
     * A filter with no configured peer: it latches onto the first sender of valid RTP, and onto
     * another one only after that one has been silent for {@code latchAfterNanos}.
     *
     * @param latchAfterNanos how long the latched sender must be silent before another is taken
     * @param nowNanos        the start
     */
    public static PeerFilter anySender(long latchAfterNanos, long nowNanos) {
        return new PeerFilter(null, latchAfterNanos, nowNanos);
    }

    /**
     * @return whether {@code sender} is this peer's configured or latched address: a party line's
     *     dispatcher asks every peer this before any may take a datagram as a latching candidate
     */
    public boolean hears(InetSocketAddress sender) {
        return sender.equals(configured) || sender.equals(latched);
    }

    /** Classifies a datagram's sender; a datagram from the configured peer also ends any latch. */
    public Source classify(InetSocketAddress sender, long nowNanos) {
        if (configured == null) {
            if (sender.equals(latched)) {
                lastHeardFromLatched = nowNanos;
                return Source.LATCHED;
            }
            if (latched != null && nowNanos - lastHeardFromLatched <= latchAfterNanos) {
                return Source.FOREIGN;
            }
            lastCandidateNanos = nowNanos; // latched from this moment if its datagram proves valid
            return Source.CANDIDATE;
        }
        if (configured.equals(sender)) {
            lastHeardFromConfigured = nowNanos;
            if (latched != null) {
                LOG.info("peer {} is sending again from its configured port; unlatched from {}",
                        Addresses.format(configured), Addresses.format(latched));
                latched = null;
            }
            return Source.PEER;
        }
        boolean configuredSilent = nowNanos - lastHeardFromConfigured > latchAfterNanos;
        if (!configuredSilent || !configured.getAddress().equals(sender.getAddress())) {
            return Source.FOREIGN;
        }
        return sender.equals(latched) ? Source.LATCHED : Source.CANDIDATE;
    }

    /**
     * Latches onto a {@link Source#CANDIDATE} whose datagram proved to be valid RTP.
     *
     * @param sender        the candidate's address
     * @param authenticated true if the datagram passed SRTP authentication, so it came from
     *                      someone holding the key; false for plain RTP, which proves nothing
     */
    public void latch(InetSocketAddress sender, boolean authenticated) {
        InetSocketAddress before = latched;
        latched = sender;
        if (configured == null) {
            lastHeardFromLatched = lastCandidateNanos;
            LOG.info("answering {}{}", Addresses.format(sender), before == null ? ", the first to send RTP"
                    : ", which sent RTP after " + Addresses.format(before) + " fell silent");
            return;
        }
        if (authenticated) {
            LOG.info("nothing from {}; latched onto {} after an authenticated packet (the same host on another"
                    + " port, as a NAT would rewrite it)", Addresses.format(configured), Addresses.format(sender));
        } else {
            LOG.warn("nothing from {}; latched onto {}: our audio now goes there. Plain RTP cannot prove who sent it"
                    + " (any program on that host can); use --key, or --no-latch if no NAT rewrites the peer's port",
                    Addresses.format(configured), Addresses.format(sender));
        }
    }

    /**
     * @return where our stream goes: the latched address if any, else the configured one; null
     *     when the filter answers any sender and nobody has sent yet
     */
    public InetSocketAddress sendTarget() {
        InetSocketAddress l = latched;
        return l != null ? l : configured;
    }
}
