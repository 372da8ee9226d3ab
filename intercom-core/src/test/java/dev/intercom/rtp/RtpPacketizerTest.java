package dev.intercom.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.codec.L16Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Packets written by the packetizer parse back with every field, across sequence/timestamp wrap. */
@Timeout(10)
class RtpPacketizerTest {

    @Test
    void firstPacketBytesMatchHandWrittenDatagram() {
        RtpPacketizer packetizer = new RtpPacketizer(96, 0x01020304L, 0x0A0B, 0x11223344L);
        ByteBuf out = Unpooled.buffer();
        packetizer.writePacket(out, new short[] {0x1234, -2, 99}, 1, 2);
        // V=2, M=1 PT=96, seq, ts, SSRC, then one stereo frame big-endian.
        assertEquals("80e00a0b1122334401020304" + "1234fffe", Hex.of(out));
    }

    @Test
    void roundTripsEveryFieldAcrossSequenceAndTimestampWrap() {
        int channels = 2;
        int frames = 10;
        RtpPacketizer packetizer = new RtpPacketizer(96, 0xDEADBEEFL, 65534, 0xFFFF_FFF0L);
        RtpValidator validator = new RtpValidator(96, channels, frames);
        int[] expectedSeq = {65534, 65535, 0, 1};
        long[] expectedTs = {0xFFFF_FFF0L, 0xFFFF_FFFAL, 4L, 14L};
        short[] decoded = new short[frames * channels];
        for (int p = 0; p < expectedSeq.length; p++) {
            short[] samples = new short[frames * channels];
            Arrays.fill(samples, (short) (p * 1000 - 1500));
            samples[0] = (short) p;
            ByteBuf out = Unpooled.buffer();
            packetizer.writePacket(out, samples, frames, channels);

            assertNull(validator.validate(out), "packet " + p);
            RtpHeader h = validator.header();
            assertEquals(2, h.version());
            assertEquals(p == 0, h.marker(), "marker on the first packet only");
            assertEquals(96, h.payloadType());
            assertEquals(expectedSeq[p], h.sequenceNumber());
            assertEquals(expectedTs[p], h.timestamp());
            assertEquals(0xDEADBEEFL, h.ssrc());
            assertEquals(RtpHeader.FIXED_HEADER_LENGTH, validator.payloadOffset());
            assertEquals(frames, validator.frames());
            L16Codec.decode(out, validator.payloadOffset(), validator.samples(), decoded, 0);
            assertArrayEquals(samples, decoded);
        }
        assertEquals(2, packetizer.nextSequence());
        assertEquals(24L, packetizer.nextTimestamp());
        assertEquals(4, packetizer.packetsWritten());
        assertEquals(4L * frames * channels * 2, packetizer.octetsWritten());
        assertEquals(0xDEADBEEFL, packetizer.ssrc());
        assertEquals(96, packetizer.payloadType());
    }

    @Test
    void timestampAdvancesByFramesOfEachPacket() {
        RtpPacketizer packetizer = new RtpPacketizer(96, 1L, 0, 100L);
        short[] samples = new short[480];
        ByteBuf out = Unpooled.buffer();
        packetizer.writePacket(out, samples, 480, 1);
        packetizer.writePacket(out, samples, 120, 2);
        packetizer.writePacket(out, samples, 1, 1);
        assertEquals(701L, packetizer.nextTimestamp());
        assertEquals(3, packetizer.nextSequence());
        assertEquals(2L * (480 + 240 + 1), packetizer.octetsWritten());
        assertEquals(3L * 12 + 2L * (480 + 240 + 1), out.writerIndex(), "packets are appended");
    }

    @Test
    void aSkipLeavesATimestampGapAndMarksTheNextPacketOnly() {
        RtpPacketizer packetizer = new RtpPacketizer(96, 1L, 0, 0xFFFF_FF00L);
        RtpValidator validator = new RtpValidator(96, 1, 64);
        short[] samples = new short[64];
        long[] timestamps = new long[4];
        boolean[] markers = new boolean[4];
        for (int p = 0; p < 4; p++) {
            if (p == 2) {
                packetizer.skip(640); // ten blocks dropped, across the timestamp's wrap
            }
            ByteBuf out = Unpooled.buffer();
            packetizer.writePacket(out, samples, 64, 1);
            assertNull(validator.validate(out));
            timestamps[p] = validator.header().timestamp();
            markers[p] = validator.header().marker();
            assertEquals(p, validator.header().sequenceNumber(), "no sequence number is skipped: nothing was lost");
        }
        assertArrayEquals(new long[] {0xFFFF_FF00L, 0xFFFF_FF40L, 0x200L, 0x240L}, timestamps);
        assertArrayEquals(new boolean[] {true, false, true, false}, markers);
        packetizer.skip(0);
        ByteBuf out = Unpooled.buffer();
        packetizer.writePacket(out, samples, 64, 1);
        assertNull(validator.validate(out));
        assertEquals(false, validator.header().marker(), "an empty skip is no gap");
    }

    @Test
    void randomFactoryIsReproducibleWithASeed() {
        RtpPacketizer a = RtpPacketizer.random(96, new SplittableRandom(1));
        RtpPacketizer b = RtpPacketizer.random(96, new SplittableRandom(1));
        RtpPacketizer c = RtpPacketizer.random(96, new SplittableRandom(2));
        assertEquals(a.ssrc(), b.ssrc());
        assertEquals(a.nextSequence(), b.nextSequence());
        assertEquals(a.nextTimestamp(), b.nextTimestamp());
        assertNotEquals(a.ssrc(), c.ssrc());
        assertEquals(0, a.packetsWritten());
    }

    @Test
    void randomFactoryUsesTheWholeUnsignedRange() {
        // A generator whose every draw has all bits set: values must come out as unsigned maxima.
        RandomGenerator allOnes = () -> -1L;
        RtpPacketizer p = RtpPacketizer.random(96, allOnes);
        assertEquals(0xFFFF_FFFFL, p.ssrc());
        assertEquals(0xFFFF_FFFFL, p.nextTimestamp());
        assertTrue(p.nextSequence() >= 0 && p.nextSequence() <= 0xFFFF);

        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            RtpPacketizer q = RtpPacketizer.random(0, random);
            assertTrue(q.ssrc() >= 0 && q.ssrc() <= 0xFFFF_FFFFL);
            assertTrue(q.nextTimestamp() >= 0 && q.nextTimestamp() <= 0xFFFF_FFFFL);
            assertTrue(q.nextSequence() >= 0 && q.nextSequence() <= 0xFFFF);
        }
    }

    @Test
    void constructorRefusesOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new RtpPacketizer(128, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacketizer(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacketizer(96, -1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RtpPacketizer(96, 0x1_0000_0000L, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacketizer(96, 0, 65536, 0));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacketizer(96, 0, -1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RtpPacketizer(96, 0, 0, 0x1_0000_0000L));
    }

    @Test
    void writePacketRefusesBadShapesAndWritesNothing() {
        RtpPacketizer packetizer = new RtpPacketizer(96, 1L, 0, 0L);
        ByteBuf out = Unpooled.buffer();
        assertThrows(IllegalArgumentException.class,
                () -> packetizer.writePacket(out, new short[4], 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> packetizer.writePacket(out, new short[4], 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> packetizer.writePacket(out, new short[4], 3, 2));
        assertThrows(IllegalArgumentException.class,
                () -> packetizer.writePacket(out, new short[4], Integer.MAX_VALUE, 2));
        assertEquals(0, out.writerIndex());
        assertEquals(0, packetizer.packetsWritten());
        assertEquals(0, packetizer.nextSequence());
    }
}
