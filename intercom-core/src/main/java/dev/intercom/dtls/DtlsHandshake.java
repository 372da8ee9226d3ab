package dev.intercom.dtls;

import dev.intercom.srtp.SrtpProfile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One DTLS 1.2 handshake with the use_srtp extension (RFC 5764), either role, over any
 * datagram transport: both sides present certificates, each pins the other's fingerprint, and
 * the SRTP keys are exported from the new master secret, so every handshake gives new keys
 * (no keystream is ever reused across sessions, unlike a pre-shared {@code --key}). Blocks the
 * calling thread until done.
 */
public final class DtlsHandshake {

    private final DtlsRole role;
    private final HandshakePolicy policy;

    /**
     * @param identity        our key and certificate
     * @param peerFingerprint the peer's certificate fingerprint; any other certificate is refused
     * @param preferred       the SRTP profile offered first (the server picks the first it supports)
     * @param timeoutMillis   how long to keep trying; retransmissions start at 1 s and back off
     */
    public DtlsHandshake(DtlsIdentity identity, Fingerprint peerFingerprint, SrtpProfile preferred, int timeoutMillis) {
        this.role = DtlsRole.between(identity.fingerprint(), peerFingerprint);
        this.policy = new HandshakePolicy(new BcTlsCrypto(new SecureRandom()), identity, peerFingerprint, preferred,
                timeoutMillis);
    }

    /** @return whether we start the handshake or wait for it */
    public DtlsRole role() {
        return role;
    }

    /**
     * A finished handshake: the keys, and the DTLS association, which must keep reading what the
     * peer sends (it answers a retransmitted last flight) until {@link DTLSTransport#close} sends
     * close_notify.
     *
     * @param keys      the exported SRTP keys
     * @param transport the association
     */
    public record Result(DtlsSrtpKeys keys, DTLSTransport transport) {
    }

    /**
     * Runs the handshake over {@code transport}.
     *
     * @throws DtlsException with one line naming the cause: a fingerprint mismatch on either
     *     side, no answer in time, or a protocol failure
     */
    public Result run(DatagramTransport transport) {
        try {
            if (role == DtlsRole.CLIENT) {
                DtlsSrtpClient client = new DtlsSrtpClient(policy);
                DTLSTransport dtls = new DTLSClientProtocol().connect(client, transport);
                return new Result(client.keys(), dtls);
            }
            DtlsSrtpServer server = new DtlsSrtpServer(policy);
            DTLSTransport dtls = new DTLSServerProtocol().accept(server, transport);
            return new Result(server.keys(), dtls);
        } catch (IOException | RuntimeException e) {
            throw explain(e);
        }
    }

    private DtlsException explain(Exception e) {
        Fingerprint refused = policy.refused();
        if (refused != null) {
            return new DtlsException("DTLS: the peer's certificate has fingerprint " + refused + ", not the "
                    + policy.pinned() + " given with --peer-fingerprint: refused (a wrong fingerprint, or someone"
                    + " in between)", e);
        }
        if (e instanceof TlsFatalAlert a && a.getAlertDescription() == AlertDescription.unexpected_message
                || e instanceof TlsFatalAlertReceived r && r.getAlertDescription() == AlertDescription.unexpected_message) {
            // Each side takes its role from the two fingerprints it knows: if one pin is wrong, both
            // may start the handshake, and each receives a ClientHello where it expected an answer.
            return new DtlsException("DTLS: both peers started the handshake, so the fingerprints disagree: ours is "
                    + policy.ours() + " and we expect the peer's to be " + policy.pinned() + " (--peer-fingerprint)", e);
        }
        if (e instanceof TlsFatalAlertReceived alert) {
            short d = alert.getAlertDescription();
            if (d == AlertDescription.bad_certificate || d == AlertDescription.certificate_unknown
                    || d == AlertDescription.certificate_required) {
                return new DtlsException("DTLS: the peer refused our certificate (" + AlertDescription.getText(d)
                        + "): its --peer-fingerprint must be ours, " + policy.ours(), e);
            }
            return new DtlsException("DTLS: the peer ended the handshake with alert " + AlertDescription.getText(d), e);
        }
        if (e instanceof TlsTimeoutException || e instanceof InterruptedIOException) {
            return new DtlsException("DTLS: no handshake with the peer within " + policy.handshakeTimeoutMillis() / 1000
                    + " s: is it running with --dtls, and --peer-fingerprint " + policy.ours() + "?", e);
        }
        String detail = e instanceof TlsFatalAlert a ? AlertDescription.getText(a.getAlertDescription())
                + (a.getMessage() == null ? "" : ": " + a.getMessage()) : e.toString();
        return new DtlsException("DTLS handshake failed: " + detail, e);
    }
}
