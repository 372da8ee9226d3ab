package dev.intercom.session;

import dev.intercom.config.SessionConfig;
import dev.intercom.dtls.DtlsException;
import dev.intercom.dtls.DtlsHandshake;
import dev.intercom.dtls.DtlsIdentity;
import dev.intercom.dtls.DtlsRole;
import dev.intercom.dtls.DtlsSrtpKeys;
import dev.intercom.dtls.Fingerprint;
import dev.intercom.net.Addresses;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.MediaSocket;
import dev.intercom.thread.IntercomThread;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DTLSTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTLS-SRTP for one peer (RFC 5763/5764): the handshake on the media port before any audio,
 * then the association kept open so that it can answer a retransmitted last flight and, when
 * the session ends, say close_notify. The keys are new for every handshake.
 *
 * <p>A peer that restarts while we run needs a new handshake, or its new keys and our old ones
 * never meet. A restarted client simply sends a ClientHello; a restarted server (which cannot
 * start a handshake) sends a HelloRequest every second while it waits; a peer that stopped
 * cleanly said close_notify. Any of these starts a new handshake in the background, with the
 * old keys in use until the new one has authenticated the pinned certificate; then both
 * directions switch ({@link #onRekey}).
 */
final class DtlsLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsLink.class);
    /** How long both peers have to start: the client retransmits at 1, 2, 4, 8... s meanwhile. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;
    /** A receive that returns sooner than this with nothing means the association is closed. */
    private static final int POLL_MILLIS = 200;
    /** How often a waiting server asks the client to start (a restarted server's only voice). */
    private static final long PROMPT_MILLIS = 1000;

    private final PeerFilter peer;
    private volatile DtlsDatagrams inbox;
    private volatile DTLSTransport association;
    private volatile boolean established;
    private volatile boolean rekeying;
    private volatile boolean closed;
    private Consumer<DtlsSrtpKeys> rekeyed = keys -> { };
    private MediaSocket socket;
    private SessionConfig config;
    /** The only certificate this peer may show. */
    private Fingerprint theirs;
    private DtlsIdentity identity;
    private DtlsRole role;

    /** @param peer where the handshake's datagrams go */
    DtlsLink(PeerFilter peer) {
        this.peer = peer;
        this.inbox = new DtlsDatagrams(peer);
    }

    /** Gives the keys of every later handshake (the peer restarted) to {@code listener}. */
    void onRekey(Consumer<DtlsSrtpKeys> listener) {
        this.rekeyed = listener;
    }

    /**
     * Takes a DTLS datagram from the receive thread: a sign that the peer restarted starts a new
     * handshake; everything else goes to the handshake or association in progress (a flood
     * beyond its queue is dropped).
     */
    void received(ByteBuf datagram) {
        boolean helloRequest = DtlsRecords.isHelloRequest(datagram);
        if (established && !rekeying && !closed) {
            if (role == DtlsRole.SERVER && DtlsRecords.isClientHello(datagram)) {
                rekey(DtlsDatagrams.copy(datagram), "the peer started a new handshake (it restarted?)");
                return;
            }
            if (role == DtlsRole.CLIENT && helloRequest) {
                rekey(null, "the peer asked for a new handshake (it restarted?)");
                return;
            }
        }
        if (!helloRequest) { // never handed to BouncyCastle: it is our re-key signal, not part of a handshake
            inbox.offer(datagram);
        }
    }

    /**
     * Runs the first handshake through {@code socket}, blocking until it ends.
     *
     * @param theirs the fingerprint this peer's certificate must have
     * @return the SRTP keys for this session
     * @throws DtlsException with one line if the identity cannot be read or the handshake fails
     */
    DtlsSrtpKeys handshake(MediaSocket socket, SessionConfig config, Fingerprint theirs) {
        this.socket = socket;
        this.config = config;
        this.theirs = theirs;
        this.identity = DtlsIdentity.require(config.identity());
        DtlsHandshake handshake = newHandshake();
        this.role = handshake.role();
        LOG.info("DTLS: our fingerprint {}; waiting up to {} s for the handshake with {} as {} (a=setup:{})",
                identity.fingerprint(), HANDSHAKE_TIMEOUT_MILLIS / 1000, Addresses.format(peer.sendTarget()),
                role == DtlsRole.CLIENT ? "client" : "server", role.setup());
        DtlsSrtpKeys keys = shake(handshake, inbox);
        LOG.info("DTLS: the peer proved fingerprint {}; new SRTP keys agreed ({})", theirs,
                keys.send().profile().label());
        return keys;
    }

    private DtlsHandshake newHandshake() {
        return new DtlsHandshake(identity, theirs, config.srtpProfile(),
                HANDSHAKE_TIMEOUT_MILLIS);
    }

    /** One handshake over {@code datagrams}; a server prompts the client meanwhile. Then serves it. */
    private DtlsSrtpKeys shake(DtlsHandshake handshake, DtlsDatagrams datagrams) {
        datagrams.sendThrough(socket);
        ScheduledFuture<?> prompts = role == DtlsRole.SERVER ? socket.timers().scheduleAtFixedRate(
                () -> socket.send(Unpooled.wrappedBuffer(DtlsRecords.helloRequest()), peer.sendTarget()),
                0, PROMPT_MILLIS, TimeUnit.MILLISECONDS) : null;
        DtlsHandshake.Result result;
        try {
            result = handshake.run(datagrams);
        } finally {
            if (prompts != null) {
                prompts.cancel(false);
            }
        }
        DTLSTransport a = result.transport();
        association = a;
        established = true;
        Thread reader = IntercomThread.DTLS.newThread(() -> serve(a));
        reader.start();
        return result.keys();
    }

    /** Starts a new handshake in the background; the old keys stay until it succeeds. */
    private synchronized void rekey(byte[] firstDatagram, String why) {
        if (rekeying || closed) {
            return;
        }
        rekeying = true;
        DtlsDatagrams fresh = new DtlsDatagrams(peer);
        if (firstDatagram != null) {
            fresh.offer(firstDatagram);
        }
        DtlsDatagrams old = inbox;
        inbox = fresh;
        old.close();
        association = null; // its reader notices and stops; no close_notify for a peer that is gone
        LOG.info("DTLS: {}: shaking hands again, old keys in use meanwhile", why);
        Thread t = IntercomThread.DTLS_REKEY.newThread(() -> {
            try {
                DtlsSrtpKeys keys = shake(newHandshake(), fresh);
                rekeyed.accept(keys);
                LOG.info("DTLS: the peer proved fingerprint {} again; switched to new SRTP keys ({})",
                        theirs, keys.send().profile().label());
            } catch (DtlsException e) {
                if (!closed) {
                    LOG.warn("{}; still on the old keys", e.getMessage());
                }
            } finally {
                rekeying = false;
            }
        });
        t.start();
    }

    /** Reads the association (it answers retransmissions) until it is replaced or closed; we send no data. */
    private void serve(DTLSTransport mine) {
        byte[] buffer = new byte[2048];
        while (!closed && association == mine) {
            long start = System.nanoTime();
            try {
                int n = mine.receive(buffer, 0, buffer.length, POLL_MILLIS);
                if (n < 0 && System.nanoTime() - start < POLL_MILLIS * 500_000L && !closed && association == mine) {
                    peerClosed("the peer closed the association (close_notify)");
                    return;
                }
            } catch (IOException e) {
                if (!closed && association == mine) {
                    peerClosed("the association ended (" + e.getMessage() + ")");
                }
                return;
            }
        }
    }

    /** The peer stopped: a client starts the next handshake (it retries until the peer is back), a server waits for it. */
    private void peerClosed(String why) {
        if (role == DtlsRole.CLIENT) {
            rekey(null, why);
        } else {
            LOG.info("DTLS: {}; waiting for its next handshake", why);
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
        inbox.close();
    }
}
