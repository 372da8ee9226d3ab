package dev.intercom.session;

import dev.intercom.config.SessionConfig;
import dev.intercom.dtls.DtlsHandshake;
import dev.intercom.dtls.DtlsIdentity;
import dev.intercom.dtls.DtlsRole;
import dev.intercom.dtls.DtlsSrtpKeys;
import dev.intercom.net.Addresses;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.UdpTransport;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import org.bouncycastle.tls.DTLSTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTLS-SRTP for one peer (RFC 5763/5764): the handshake on the media port before any audio,
 * then the association kept open so that it can answer a retransmitted last flight and, when
 * the session ends, say close_notify. The keys it returns are new for every session.
 */
final class DtlsLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsLink.class);
    /** How long both peers have to start: the client retransmits at 1, 2, 4, 8... s meanwhile. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;
    /** A receive that returns sooner than this with nothing means the association is closed. */
    private static final int POLL_MILLIS = 200;

    private final PeerFilter peer;
    private final DtlsDatagrams datagrams;
    private volatile DTLSTransport association;
    private volatile boolean closed;
    private Thread reader;

    /** @param peer where the handshake's datagrams go */
    DtlsLink(PeerFilter peer) {
        this.peer = peer;
        this.datagrams = new DtlsDatagrams(peer);
    }

    /** Takes a DTLS datagram from the event loop; a flood beyond the queue is dropped. */
    void received(ByteBuf datagram) {
        datagrams.offer(datagram);
    }

    /**
     * Runs the handshake through {@code socket}, blocking until it ends.
     *
     * @return the SRTP keys for this session
     * @throws DtlsException with one line if the identity cannot be read or the handshake fails
     */
    DtlsSrtpKeys handshake(UdpTransport socket, SessionConfig config) {
        DtlsIdentity identity = DtlsIdentity.require(config.identity());
        DtlsHandshake handshake = new DtlsHandshake(identity, config.peerFingerprint().orElseThrow(),
                config.srtpProfile(), HANDSHAKE_TIMEOUT_MILLIS);
        datagrams.sendThrough(socket);
        LOG.info("DTLS: our fingerprint {}; waiting up to {} s for the handshake with {} as {} (a=setup:{})",
                identity.fingerprint(), HANDSHAKE_TIMEOUT_MILLIS / 1000, Addresses.format(peer.sendTarget()),
                handshake.role() == DtlsRole.CLIENT ? "client" : "server", handshake.role().setup());
        DtlsHandshake.Result result = handshake.run(datagrams);
        association = result.transport();
        reader = new Thread(this::serve, "intercom-dtls");
        reader.setDaemon(true);
        reader.start();
        LOG.info("DTLS: the peer proved fingerprint {}; new SRTP keys agreed ({})", config.peerFingerprint().get(),
                result.keys().send().profile().label());
        return result.keys();
    }

    /** Keeps the association reading (it answers retransmissions) until closed; we send no data over it. */
    private void serve() {
        byte[] buffer = new byte[2048];
        while (!closed) {
            long start = System.nanoTime();
            try {
                int n = association.receive(buffer, 0, buffer.length, POLL_MILLIS);
                if (n < 0 && System.nanoTime() - start < POLL_MILLIS * 500_000L && !closed) {
                    LOG.info("DTLS: the peer closed the association (close_notify); our SRTP keys stay until we stop");
                    return;
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.info("DTLS: the association ended: {}", e.getMessage());
                }
                return;
            }
        }
    }

    /** Says close_notify to the peer and stops reading. */
    @Override
    public void close() {
        closed = true;
        DTLSTransport a = association;
        if (a != null) {
            try {
                a.close();
            } catch (IOException e) {
                LOG.debug("DTLS close: {}", e.toString());
            }
        }
        datagrams.close();
        if (reader != null) {
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
