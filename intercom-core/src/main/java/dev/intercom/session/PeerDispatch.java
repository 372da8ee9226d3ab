package dev.intercom.session;

import dev.intercom.net.MediaSocket;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.RtpReceiveHandler;
import dev.intercom.stats.DropReason;
import dev.intercom.stats.SessionCounters;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The socket's receiver: gives each datagram to the receive path of the peer it came from. The
 * peer whose configured (or latched) address it is comes first; only when no peer has that
 * address may one take it as a latching candidate (the same host on another port, while its own
 * port is silent), so one peer's NAT rule never takes another's stream, not even when all of
 * them run on one host. Anything else is foreign. With one peer, every datagram goes to its
 * receive path, which classifies it itself, exactly as a session with one peer always did. Runs
 * on the receive thread; allocates nothing.
 */
final class PeerDispatch implements MediaSocket.Receiver {

    private final SessionCounters counters;
    /** Set once, before the first datagram is played; until then datagrams are foreign. */
    private volatile PeerLink[] links = new PeerLink[0];

    /** @param counters the session's counters, where datagrams nobody's are counted */
    PeerDispatch(SessionCounters counters) {
        this.counters = counters;
    }

    /** Starts dispatching to {@code peers}: the socket is opened first, because each link sends on it. */
    void attach(List<PeerLink> peers) {
        this.links = peers.toArray(new PeerLink[0]);
    }

    @Override
    public void datagram(ByteBuf content, InetSocketAddress sender, long arrivalNanos) {
        PeerLink[] all = links;
        if (all.length == 1) {
            all[0].receiver().datagram(content, sender, arrivalNanos);
            return;
        }
        for (PeerLink link : all) {
            if (link.filter().hears(sender)) {
                link.receiver().datagram(content, sender, arrivalNanos);
                return;
            }
        }
        for (PeerLink link : all) {
            if (link.filter().classify(sender, arrivalNanos) == PeerFilter.Source.CANDIDATE) {
                link.receiver().datagram(content, sender, arrivalNanos);
                return;
            }
        }
        counters.drop(DropReason.FOREIGN);
    }

    @Override
    public void socketError(Throwable cause) {
        RtpReceiveHandler.socketError(counters, cause);
    }
}
