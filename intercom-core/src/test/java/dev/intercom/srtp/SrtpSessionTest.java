package dev.intercom.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sender and a receiver with the same key, for both profiles: round trips, rollover, replay,
 * tampering, wrong keys and truncation, and what the buffer looks like after each verdict.
 */
@Timeout(30)
class SrtpSessionTest {

    private static final long SSRC = 0x11223344L;
    // Random but fixed, so a failure reproduces.
    private static final Random RANDOM = new Random(7714);

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripWithCsrcsExtensionAndPaddingInHeapAndDirectBuffers(SrtpProfile profile) {
        SrtpKey key = key(profile);
        SrtpSender sender = new SrtpSender(key);
        SrtpReceiver receiver = new SrtpReceiver(key);
        // V=2 P X CC=2, PT 96, then 2 CSRCs, a one-word extension, 6 payload bytes, 2 padding.
        byte[] plain = Bytes.hex("b2 60 0102 00000010 11223344 aaaaaaaa bbbbbbbb bede0001"
                + " 01020304 a1a2a3a4a5a6 0002");
        int headerLength = 12 + 8 + 8;
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuf packet = direct ? Unpooled.directBuffer(200) : Unpooled.buffer(200);
            packet.writeBytes(new byte[] {9, 9, 9}).readerIndex(3);
            packet.writeBytes(plain);
            // Each iteration is a new packet: advance the sequence number.
            packet.setShort(3 + 2, direct ? 0x0103 : 0x0102);
            byte[] sent = Bytes.readable(packet);

            sender.protectRtp(packet);
            byte[] wire = Bytes.readable(packet);
            assertEquals(plain.length + profile.rtpOverhead(), wire.length);
            assertEquals(3, packet.readerIndex());
            assertArrayEquals(Arrays.copyOf(sent, headerLength),
                    Arrays.copyOf(wire, headerLength), "header stays in clear");
            assertNotEquals(Bytes.hex(Arrays.copyOfRange(sent, headerLength, plain.length)),
                    Bytes.hex(Arrays.copyOfRange(wire, headerLength, plain.length)),
                    "payload and padding are encrypted");

            assertEquals(SrtpVerdict.OK, receiver.unprotectRtp(packet));
            assertEquals(3, packet.readerIndex());
            assertArrayEquals(sent, Bytes.readable(packet));
            packet.release();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void compoundRtcpRoundTripsAndItsReplayIsRefused(SrtpProfile profile) {
        SrtpKey key = key(profile);
        SrtpSender sender = new SrtpSender(key);
        SrtpReceiver receiver = new SrtpReceiver(key);
        // A sender report followed by an SDES CNAME chunk.
        byte[] plain = Bytes.hex("80c8 0006 11223344 e8a2b6c1 00000000 00001000 00000010"
                + " 00000400 81ca 0003 11223344 0104 6162 6364 0000");
        for (int i = 0; i < 3; i++) {
            ByteBuf packet = Bytes.buffer(plain, profile.rtcpOverhead());
            sender.protectRtcp(packet);
            assertEquals(plain.length + profile.rtcpOverhead(), packet.readableBytes());
            assertEquals(Bytes.hex(Arrays.copyOf(plain, 8)),
                    Bytes.hex(packet.slice(0, 8)), "first 8 bytes stay in clear");
            int word = packet.getInt(profile == SrtpProfile.AEAD_AES128_GCM
                    ? packet.writerIndex() - 4 : plain.length);
            assertEquals(0x8000_0000 | i, word, "E flag and SRTCP index " + i);
            ByteBuf copy = Unpooled.copiedBuffer(packet);

            assertEquals(SrtpVerdict.OK, receiver.unprotectRtcp(packet));
            assertArrayEquals(plain, Bytes.readable(packet));
            assertEquals(SrtpVerdict.REPLAYED, receiver.unprotectRtcp(copy));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rolloverCounterFollowsTheSequenceNumberAcross65535To0(SrtpProfile profile) {
        SrtpKey key = key(profile);
        SrtpSender sender = new SrtpSender(key);
        SrtpReceiver inOrder = new SrtpReceiver(key);
        SrtpReceiver reordered = new SrtpReceiver(key);
        List<byte[]> wire = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int sequenceNumber = (65530 + i) & 0xFFFF;
            wire.add(protect(sender, rtp(sequenceNumber, SSRC), profile));
        }
        for (byte[] packet : wire) {
            assertEquals(SrtpVerdict.OK, inOrder.unprotectRtp(Bytes.buffer(packet, 0)));
        }
        // Across the wrap in a scrambled order: 65535 arrives after 0 and still gets ROC 0.
        int[] order = {0, 1, 2, 3, 4, 6, 7, 5, 9, 8, 11, 10};
        for (int i : order) {
            ByteBuf packet = Bytes.buffer(wire.get(i), 0);
            assertEquals(SrtpVerdict.OK, reordered.unprotectRtp(packet), "packet " + i);
            assertEquals((65530 + i) & 0xFFFF, packet.getUnsignedShort(2));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void duplicatesAndPacketsOlderThanTheWindowAreReplayedReorderedOnesAccepted(
            SrtpProfile profile) {
        SrtpKey key = key(profile);
        SrtpSender sender = new SrtpSender(key);
        SrtpReceiver receiver = new SrtpReceiver(key, 64);
        List<byte[]> wire = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            wire.add(protect(sender, rtp(1000 + i, SSRC), profile));
        }
        for (int i = 0; i < 100; i++) {
            if (i != 30 && i != 50) {
                assertEquals(SrtpVerdict.OK, receiver.unprotectRtp(Bytes.buffer(wire.get(i), 0)));
            }
        }
        assertEquals(SrtpVerdict.REPLAYED, receiver.unprotectRtp(Bytes.buffer(wire.get(99), 0)),
                "duplicate of the newest");
        assertEquals(SrtpVerdict.REPLAYED, receiver.unprotectRtp(Bytes.buffer(wire.get(60), 0)),
                "duplicate inside the window");
        assertEquals(SrtpVerdict.REPLAYED, receiver.unprotectRtp(Bytes.buffer(wire.get(30), 0)),
                "never seen, but 69 behind the newest: outside a 64-packet window");
        assertEquals(SrtpVerdict.OK, receiver.unprotectRtp(Bytes.buffer(wire.get(50), 0)),
                "49 behind the newest and never seen: a late reordered packet");
        assertEquals(SrtpVerdict.REPLAYED, receiver.unprotectRtp(Bytes.buffer(wire.get(50), 0)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everySingleBitFlipInAnRtpPacketFailsAuthenticationAndChangesNothing(
            SrtpProfile profile) {
        SrtpKey key = key(profile);
        byte[] wire = protect(new SrtpSender(key),
                Bytes.hex("b1 60 0102 00000010 11223344 aaaaaaaa bede0001 01020304 a1a2a3a4a5"),
                profile);
        SrtpReceiver receiver = new SrtpReceiver(key);
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] flipped = wire.clone();
            flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            ByteBuf packet = Bytes.buffer(flipped, 0);
            assertEquals(SrtpVerdict.AUTH_FAILED, receiver.unprotectRtp(packet), "bit " + bit);
            assertArrayEquals(flipped, Bytes.readable(packet), "buffer untouched, bit " + bit);
        }
        // None of the forgeries created or moved any state: the genuine packet still passes.
        assertEquals(SrtpVerdict.OK, receiver.unprotectRtp(Bytes.buffer(wire, 0)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everySingleBitFlipInAnRtcpPacketFailsAuthentication(SrtpProfile profile) {
        SrtpKey key = key(profile);
        byte[] wire = protectRtcp(new SrtpSender(key),
                Bytes.hex("80c9 0001 11223344 55667788"), profile);
        SrtpReceiver receiver = new SrtpReceiver(key);
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] flipped = wire.clone();
            flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            ByteBuf packet = Bytes.buffer(flipped, 0);
            assertEquals(SrtpVerdict.AUTH_FAILED, receiver.unprotectRtcp(packet), "bit " + bit);
            assertArrayEquals(flipped, Bytes.readable(packet), "buffer untouched, bit " + bit);
        }
        assertEquals(SrtpVerdict.OK, receiver.unprotectRtcp(Bytes.buffer(wire, 0)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aDifferentKeyFailsAuthentication(SrtpProfile profile) {
        SrtpKey key = key(profile);
        byte[] otherSalt = key.masterSalt();
        otherSalt[0] ^= 1;
        SrtpKey saltDiffers = new SrtpKey(profile, key.masterKey(), otherSalt);
        SrtpSender sender = new SrtpSender(key);
        byte[] rtp = protect(sender, rtp(7, SSRC), profile);
        byte[] rtcp = protectRtcp(sender, Bytes.hex("80c9 0001 11223344 55667788"), profile);
        for (SrtpKey wrong : new SrtpKey[] {key(profile), saltDiffers}) {
            SrtpReceiver receiver = new SrtpReceiver(wrong);
            assertEquals(SrtpVerdict.AUTH_FAILED, receiver.unprotectRtp(Bytes.buffer(rtp, 0)));
            assertEquals(SrtpVerdict.AUTH_FAILED, receiver.unprotectRtcp(Bytes.buffer(rtcp, 0)));
        }
    }

    @Test
    void theOtherProfileFailsAuthentication() {
        SrtpKey cm = key(SrtpProfile.AES128_CM_SHA1_80);
        SrtpKey gcm = new SrtpKey(SrtpProfile.AEAD_AES128_GCM, cm.masterKey(),
                Arrays.copyOf(cm.masterSalt(), 12));
        byte[] wire = protect(new SrtpSender(cm), rtp(7, SSRC), SrtpProfile.AES128_CM_SHA1_80);
        assertEquals(SrtpVerdict.AUTH_FAILED, new SrtpReceiver(gcm).unprotectRtp(
                Bytes.buffer(wire, 0)));
        wire = protect(new SrtpSender(gcm), rtp(7, SSRC), SrtpProfile.AEAD_AES128_GCM);
        assertEquals(SrtpVerdict.AUTH_FAILED, new SrtpReceiver(cm).unprotectRtp(
                Bytes.buffer(wire, 0)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void truncatedPacketsAreTooShortUntilTheyCouldHoldHeaderAndTag(SrtpProfile profile) {
        SrtpKey key = key(profile);
        SrtpSender sender = new SrtpSender(key);
        SrtpReceiver receiver = new SrtpReceiver(key);
        byte[] rtp = protect(sender, rtp(7, SSRC), profile);
        for (int length = 0; length < rtp.length; length++) {
            SrtpVerdict expected = length < 12 + profile.rtpOverhead()
                    ? SrtpVerdict.TOO_SHORT : SrtpVerdict.AUTH_FAILED;
            assertEquals(expected, receiver.unprotectRtp(
                    Bytes.buffer(Arrays.copyOf(rtp, length), 0)), "RTP cut to " + length);
        }
        byte[] rtcp = protectRtcp(sender, Bytes.hex("80c9 0001 11223344 55667788"), profile);
        for (int length = 0; length < rtcp.length; length++) {
            SrtpVerdict expected = length < 8 + profile.rtcpOverhead()
                    ? SrtpVerdict.TOO_SHORT : SrtpVerdict.AUTH_FAILED;
            assertEquals(expected, receiver.unprotectRtcp(
                    Bytes.buffer(Arrays.copyOf(rtcp, length), 0)), "RTCP cut to " + length);
        }
        assertEquals(SrtpVerdict.OK, receiver.unprotectRtp(Bytes.buffer(rtp, 0)));
        assertEquals(SrtpVerdict.OK, receiver.unprotectRtcp(Bytes.buffer(rtcp, 0)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aRestartedPeerWithANewSsrcIsAcceptedAndTheOldStreamKeepsItsWindow(
            SrtpProfile profile) {
        SrtpKey key = key(profile);
        SrtpReceiver receiver = new SrtpReceiver(key);
        byte[] before = protect(new SrtpSender(key), rtp(40_000, SSRC), profile);
        byte[] after = protect(new SrtpSender(key), rtp(123, 0xCAFEF00DL), profile);
        assertEquals(SrtpVerdict.OK, receiver.unprotectRtp(Bytes.buffer(before, 0)));
        assertEquals(SrtpVerdict.OK, receiver.unprotectRtp(Bytes.buffer(after, 0)));
        assertEquals(SrtpVerdict.REPLAYED, receiver.unprotectRtp(Bytes.buffer(before, 0)));
        assertEquals(SrtpVerdict.REPLAYED, receiver.unprotectRtp(Bytes.buffer(after, 0)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReceiverStartedAfterTheSendersFirstRolloverCannotAuthenticate(SrtpProfile profile) {
        // Pins a limit of SRTP without signalling: a new receiver assumes rollover counter 0.
        SrtpKey key = key(profile);
        SrtpSender sender = new SrtpSender(key);
        protect(sender, rtp(65535, SSRC), profile);
        byte[] afterWrap = protect(sender, rtp(0, SSRC), profile);
        assertEquals(SrtpVerdict.AUTH_FAILED,
                new SrtpReceiver(key).unprotectRtp(Bytes.buffer(afterWrap, 0)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void senderGrowsABufferWithoutRoomAndRefusesWhatItMustNotProtect(SrtpProfile profile) {
        SrtpKey key = key(profile);
        SrtpSender sender = new SrtpSender(key);
        ByteBuf growable = Unpooled.buffer(20).writeBytes(rtp(5, SSRC));
        sender.protectRtp(growable);
        assertEquals(20 + profile.rtpOverhead(), growable.readableBytes());
        assertEquals(SrtpVerdict.OK, new SrtpReceiver(key).unprotectRtp(growable));

        ByteBuf full = Unpooled.buffer(20, 20).writeBytes(rtp(6, SSRC));
        assertThrows(IndexOutOfBoundsException.class, () -> sender.protectRtp(full));

        IllegalArgumentException stuck = assertThrows(IllegalArgumentException.class,
                () -> sender.protectRtp(Bytes.buffer(rtp(5, SSRC), 16)));
        assertTrue(stuck.getMessage().contains("does not advance"), stuck.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> sender.protectRtp(Bytes.buffer("00 60 0001 00000000 11223344", 16)));
        assertThrows(IllegalArgumentException.class,
                () -> sender.protectRtp(Bytes.buffer("80 60 0001 00000000 1122", 16)));
        assertThrows(IllegalArgumentException.class,
                () -> sender.protectRtcp(Bytes.buffer("80c9 0001 1122", 20)));
        for (int i = 1; i < SrtpSender.MAX_SSRCS; i++) {
            sender.protectRtp(Bytes.buffer(rtp(1, SSRC + i), 16));
        }
        assertThrows(IllegalStateException.class,
                () -> sender.protectRtp(Bytes.buffer(rtp(1, 99), 16)));
    }

    @Test
    void aDatagramThatIsNotSrtpFailsAuthentication() {
        SrtpReceiver receiver = new SrtpReceiver(key(SrtpProfile.AES128_CM_SHA1_80));
        // Plain RTP from a peer running without SRTP, and a non-RTP datagram of the same size.
        assertEquals(SrtpVerdict.AUTH_FAILED,
                receiver.unprotectRtp(Bytes.buffer(Arrays.copyOf(rtp(5, SSRC), 40), 0)));
        assertEquals(SrtpVerdict.AUTH_FAILED,
                receiver.unprotectRtp(Bytes.buffer(new byte[40], 0)));
        assertEquals(SrtpVerdict.AUTH_FAILED,
                receiver.unprotectRtcp(Bytes.buffer(new byte[40], 0)));
    }

    @Test
    void replayWindowSizeIsCheckedOnConstruction() {
        SrtpKey key = key(SrtpProfile.AES128_CM_SHA1_80);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SrtpReceiver(key, 100));
        assertEquals("SRTP replay window must be a power of two from 64 to 32768 packets, got 100",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SrtpReceiver(key, 1 << 16));
    }

    /** @return a 20-byte RTP packet: 12-byte header and 8 payload bytes */
    static byte[] rtp(int sequenceNumber, long ssrc) {
        ByteBuf buf = Unpooled.buffer(20);
        buf.writeByte(0x80).writeByte(96).writeShort(sequenceNumber).writeInt(sequenceNumber * 160)
                .writeInt((int) ssrc).writeLong(0x0102030405060708L ^ sequenceNumber);
        return Bytes.readable(buf);
    }

    static byte[] protect(SrtpSender sender, byte[] plain, SrtpProfile profile) {
        ByteBuf packet = Bytes.buffer(plain, profile.rtpOverhead());
        sender.protectRtp(packet);
        return Bytes.readable(packet);
    }

    static byte[] protectRtcp(SrtpSender sender, byte[] plain, SrtpProfile profile) {
        ByteBuf packet = Bytes.buffer(plain, profile.rtcpOverhead());
        sender.protectRtcp(packet);
        return Bytes.readable(packet);
    }

    static SrtpKey key(SrtpProfile profile) {
        byte[] material = new byte[profile.keyLength()];
        RANDOM.nextBytes(material);
        return new SrtpKey(profile, Arrays.copyOf(material, 16),
                Arrays.copyOfRange(material, 16, material.length));
    }

    @Test
    void secureRandomKeysWorkEndToEnd() {
        SrtpKey key = SrtpKey.generate(SrtpProfile.DEFAULT, new SecureRandom());
        byte[] wire = protect(new SrtpSender(key), rtp(1, SSRC), SrtpProfile.DEFAULT);
        assertEquals(SrtpVerdict.OK, new SrtpReceiver(SrtpKey.parse(key.toBase64(),
                SrtpProfile.DEFAULT)).unprotectRtp(Bytes.buffer(wire, 0)));
    }
}
