package dev.intercom.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import dev.intercom.srtp.SrtpSender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real DTLS 1.2 handshakes between two threads over two loopback sockets: the keys agree
 * crosswise, every handshake gives new ones, and a wrong fingerprint is refused on both sides.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsHandshakeTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DtlsIdentity ALICE = DtlsIdentity.generate(RANDOM);
    private static final DtlsIdentity BOB = DtlsIdentity.generate(RANDOM);
    private static final int TIMEOUT_MILLIS = 8_000;

    /** Both sides' outcomes: a result, or the exception's message. */
    private record Outcome(DtlsHandshake.Result result, String error) {
    }

    private static Outcome[] shake(DtlsIdentity a, Fingerprint aPins, SrtpProfile aPrefers,
            DtlsIdentity b, Fingerprint bPins, SrtpProfile bPrefers) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket sa = new DatagramSocket(new InetSocketAddress(loopback, 0));
                DatagramSocket sb = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            sa.connect(sb.getLocalSocketAddress());
            sb.connect(sa.getLocalSocketAddress());
            CompletableFuture<Outcome> fa = CompletableFuture.supplyAsync(
                    () -> attempt(new DtlsHandshake(a, aPins, aPrefers, TIMEOUT_MILLIS), sa));
            CompletableFuture<Outcome> fb = CompletableFuture.supplyAsync(
                    () -> attempt(new DtlsHandshake(b, bPins, bPrefers, TIMEOUT_MILLIS), sb));
            return new Outcome[] {fa.get(40, TimeUnit.SECONDS), fb.get(40, TimeUnit.SECONDS)};
        }
    }

    private static Outcome attempt(DtlsHandshake handshake, DatagramSocket socket) {
        try {
            return new Outcome(handshake.run(new SocketTransport(socket)), null);
        } catch (DtlsException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private static DtlsSrtpKeys[] keys(Outcome[] o) {
        assertEquals(null, o[0].error());
        assertEquals(null, o[1].error());
        return new DtlsSrtpKeys[] {o[0].result().keys(), o[1].result().keys()};
    }

    @Test
    void bothSidesExportTheSameKeysCrosswise() throws Exception {
        DtlsSrtpKeys[] k = keys(shake(ALICE, BOB.fingerprint(), SrtpProfile.AES128_CM_SHA1_80,
                BOB, ALICE.fingerprint(), SrtpProfile.AES128_CM_SHA1_80));
        assertEquals(k[0].send(), k[1].receive());
        assertEquals(k[0].receive(), k[1].send());
        assertNotEquals(k[0].send(), k[0].receive(), "each direction has its own key");
        assertEquals(SrtpProfile.AES128_CM_SHA1_80, k[0].send().profile());
    }

    @Test
    void theGcmProfileIsNegotiatedWhenTheClientPrefersIt() throws Exception {
        DtlsRole aliceRole = DtlsRole.between(ALICE.fingerprint(), BOB.fingerprint());
        SrtpProfile clientPrefers = SrtpProfile.AEAD_AES128_GCM;
        SrtpProfile serverPrefers = SrtpProfile.AES128_CM_SHA1_80;
        boolean aliceIsClient = aliceRole == DtlsRole.CLIENT;
        DtlsSrtpKeys[] k = keys(shake(ALICE, BOB.fingerprint(), aliceIsClient ? clientPrefers : serverPrefers,
                BOB, ALICE.fingerprint(), aliceIsClient ? serverPrefers : clientPrefers));
        assertEquals(SrtpProfile.AEAD_AES128_GCM, k[0].send().profile());
        assertEquals(k[0].send(), k[1].receive());
    }

    @Test
    void everyHandshakeGivesAFreshKeystream() throws Exception {
        DtlsSrtpKeys first = keys(shake(ALICE, BOB.fingerprint(), SrtpProfile.AES128_CM_SHA1_80,
                BOB, ALICE.fingerprint(), SrtpProfile.AES128_CM_SHA1_80))[0];
        DtlsSrtpKeys second = keys(shake(ALICE, BOB.fingerprint(), SrtpProfile.AES128_CM_SHA1_80,
                BOB, ALICE.fingerprint(), SrtpProfile.AES128_CM_SHA1_80))[0];
        // Same identities, same SSRC, same sequence number, silence: with a pre-shared key and a
        // fixed SSRC this is byte-for-byte the same packet (keystream reuse); here it must not be.
        byte[] a = keystream(first.send());
        byte[] b = keystream(second.send());
        assertFalse(Arrays.equals(a, b), "two sessions encrypted silence identically");
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        assertTrue(same < a.length / 16, "keystreams agree in " + same + " of " + a.length + " bytes");
    }

    /** @return the encrypted payload of a silent packet: silence XOR keystream is the keystream */
    private static byte[] keystream(SrtpKey key) {
        RtpPacketizer packetizer = new RtpPacketizer(96, 0x1234, 1, 0);
        ByteBuf packet = Unpooled.buffer(512);
        packetizer.writePacket(packet, new short[160], 160, 1);
        new SrtpSender(key).protectRtp(packet);
        byte[] bytes = ByteBufUtil.getBytes(packet, 12, 320);
        packet.release();
        return bytes;
    }

    @Test
    void aWrongFingerprintIsRefusedWithAClearLineOnBothSides() throws Exception {
        DtlsIdentity mallory = DtlsIdentity.generate(RANDOM);
        // Alice expects Mallory but talks to Bob; Bob expects Alice. Whichever side checks first
        // refuses, and the other hears the alert. Try it with the wrong pin on each side. Each
        // side takes its role from the fingerprints it knows, so a wrong pin can also give both
        // the same role: two clients say so at once, two servers time out (shortened here).
        for (boolean wrongAtAlice : new boolean[] {true, false}) {
            Fingerprint alicePins = wrongAtAlice ? mallory.fingerprint() : BOB.fingerprint();
            Fingerprint bobPins = wrongAtAlice ? ALICE.fingerprint() : mallory.fingerprint();
            Outcome[] o = shake(ALICE, alicePins, SrtpProfile.AES128_CM_SHA1_80, BOB, bobPins, SrtpProfile.AES128_CM_SHA1_80);
            DtlsRole alice = DtlsRole.between(ALICE.fingerprint(), alicePins);
            DtlsRole bob = DtlsRole.between(BOB.fingerprint(), bobPins);
            for (Outcome side : o) {
                assertTrue(side.error() != null && side.error().startsWith("DTLS")
                        && side.error().contains("sha-256:") && !side.error().contains("\n"), String.valueOf(side.error()));
            }
            if (alice != bob) {
                Outcome refuser = wrongAtAlice ? o[0] : o[1];
                Outcome refused = wrongAtAlice ? o[1] : o[0];
                assertTrue(refuser.error().contains("not the " + mallory.fingerprint()), refuser.error());
                assertTrue(refused.error().contains("the peer refused our certificate"), refused.error());
            } else if (alice == DtlsRole.CLIENT) {
                assertTrue(o[0].error().contains("both peers started the handshake"), o[0].error());
            } else {
                assertTrue(o[0].error().contains("no handshake with the peer"), o[0].error());
            }
        }
    }

    @Test
    void aManInTheMiddleWithItsOwnCertificateIsRefusedByBothPeers() throws Exception {
        // Mallory terminates DTLS towards each peer with her own certificate and pins theirs (they
        // are public). She must take the role opposite to each peer's, so pick her key so that
        // her fingerprint sorts between Alice's and Bob's.
        DtlsRole aliceRole = DtlsRole.between(ALICE.fingerprint(), BOB.fingerprint());
        DtlsIdentity mallory = DtlsIdentity.generate(RANDOM);
        for (int tries = 0; tries < 10_000 && !(DtlsRole.between(mallory.fingerprint(), ALICE.fingerprint()) != aliceRole
                && DtlsRole.between(mallory.fingerprint(), BOB.fingerprint()) == aliceRole); tries++) {
            mallory = DtlsIdentity.generate(RANDOM);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket alice = new DatagramSocket(new InetSocketAddress(loopback, 0));
                DatagramSocket towardsAlice = new DatagramSocket(new InetSocketAddress(loopback, 0));
                DatagramSocket towardsBob = new DatagramSocket(new InetSocketAddress(loopback, 0));
                DatagramSocket bob = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            alice.connect(towardsAlice.getLocalSocketAddress());
            towardsAlice.connect(alice.getLocalSocketAddress());
            towardsBob.connect(bob.getLocalSocketAddress());
            bob.connect(towardsBob.getLocalSocketAddress());
            DtlsIdentity m = mallory;
            CompletableFuture<Outcome> a = CompletableFuture.supplyAsync(() -> attempt(
                    new DtlsHandshake(ALICE, BOB.fingerprint(), SrtpProfile.AES128_CM_SHA1_80, TIMEOUT_MILLIS), alice));
            CompletableFuture<Outcome> ma = CompletableFuture.supplyAsync(() -> attempt(
                    new DtlsHandshake(m, ALICE.fingerprint(), SrtpProfile.AES128_CM_SHA1_80, TIMEOUT_MILLIS), towardsAlice));
            CompletableFuture<Outcome> mb = CompletableFuture.supplyAsync(() -> attempt(
                    new DtlsHandshake(m, BOB.fingerprint(), SrtpProfile.AES128_CM_SHA1_80, TIMEOUT_MILLIS), towardsBob));
            CompletableFuture<Outcome> b = CompletableFuture.supplyAsync(() -> attempt(
                    new DtlsHandshake(BOB, ALICE.fingerprint(), SrtpProfile.AES128_CM_SHA1_80, TIMEOUT_MILLIS), bob));
            for (CompletableFuture<Outcome> peer : List.of(a, b)) {
                String error = peer.get(40, TimeUnit.SECONDS).error();
                assertTrue(error != null && (error.contains("not the ") || error.contains("the peer refused our certificate")),
                        "a peer accepted Mallory: " + error);
            }
            assertTrue(ma.get(40, TimeUnit.SECONDS).error() != null && mb.get(40, TimeUnit.SECONDS).error() != null,
                    "Mallory got keys");
        }
    }

    @Test
    void theRoleFollowsTheFingerprintsAndBothSidesAgree() {
        assertNotEquals(DtlsRole.between(ALICE.fingerprint(), BOB.fingerprint()),
                DtlsRole.between(BOB.fingerprint(), ALICE.fingerprint()));
    }

    @Test
    void aFingerprintRoundTripsThroughBothTextForms() {
        Fingerprint f = ALICE.fingerprint();
        assertEquals(f, Fingerprint.parse(f.toString()));
        assertEquals(f, Fingerprint.parse(f.toSdp()));
        assertEquals(f, Fingerprint.parse(f.toString().toLowerCase(java.util.Locale.ROOT)));
        assertTrue(f.toSdp().matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), f.toSdp());
        assertArrayEquals(f.digest(), Fingerprint.parse(f.toSdp()).digest());
    }
}
