package dev.intercom.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The header writer and the flyweight agree on every field, including the extreme values. */
@Timeout(10)
class RtpHeaderTest {

    static List<Arguments> fieldValues() {
        List<Arguments> cases = new ArrayList<>();
        boolean[] markers = {false, true};
        int[] payloadTypes = {0, 96, 127};
        int[] sequences = {0, 1, 0x8000, 0xFFFF};
        long[] values32 = {0L, 1L, 0x8000_0000L, 0xFFFF_FFFFL};
        for (boolean marker : markers) {
            for (int pt : payloadTypes) {
                for (int seq : sequences) {
                    for (long ts : values32) {
                        // Pair each timestamp with a different SSRC so neither can mask the other.
                        long ssrc = values32[(int) ((ts + seq) % values32.length)];
                        cases.add(Arguments.of(marker, pt, seq, ts, ssrc));
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "M={0} PT={1} seq={2} ts={3} ssrc={4}")
    @MethodSource("fieldValues")
    void writtenFieldsReadBackInPlace(boolean marker, int pt, int seq, long ts, long ssrc) {
        ByteBuf buf = Unpooled.buffer(32, 32);
        buf.writeBytes(Hex.bytes("aa*32"));
        RtpHeaderWriter.writeAt(buf, 5, marker, pt, seq, ts, ssrc);

        RtpHeader h = new RtpHeader().wrap(buf, 5, RtpHeader.FIXED_HEADER_LENGTH);
        assertEquals(RtpHeader.VERSION, h.version());
        assertFalse(h.padding());
        assertFalse(h.extension());
        assertEquals(0, h.csrcCount());
        assertEquals(marker, h.marker());
        assertEquals(pt, h.payloadType());
        assertEquals(seq, h.sequenceNumber());
        assertEquals(ts, h.timestamp());
        assertEquals(ssrc, h.ssrc());
        // Nothing outside the 12 header bytes is touched.
        assertEquals(0xAA, buf.getUnsignedByte(4));
        assertEquals(0xAA, buf.getUnsignedByte(17));
        assertEquals(0, buf.readerIndex());
        assertEquals(32, buf.writerIndex());
    }

    @Test
    void headerBytesMatchRfc3550Layout() {
        ByteBuf buf = Unpooled.buffer();
        RtpHeaderWriter.write(buf, true, 96, 0x0A0B, 0x11223344L, 0xF1F2F3F4L);
        assertEquals("80e00a0b11223344f1f2f3f4", Hex.of(buf));
        RtpHeaderWriter.write(buf, false, 0, 0, 0, 0);
        assertEquals(24, buf.writerIndex(), "write appends at the writer index");
        assertEquals("800000000000000000000000", Hex.of(buf.skipBytes(12)));
    }

    @Test
    void flagBitsAreDecodedIndependently() {
        ByteBuf all = Hex.exact("bf ff 0000 00000000 00000000");
        RtpHeader h = new RtpHeader().wrap(all, 0, 12);
        assertEquals(2, h.version());
        assertTrue(h.padding());
        assertTrue(h.extension());
        assertEquals(15, h.csrcCount());
        assertTrue(h.marker());
        assertEquals(127, h.payloadType());

        RtpHeader none = new RtpHeader().wrap(Hex.exact("40 00 0000 00000000 00000000"), 0, 12);
        assertEquals(1, none.version());
        assertFalse(none.padding());
        assertFalse(none.extension());
        assertEquals(0, none.csrcCount());
        assertFalse(none.marker());
        assertEquals(0, none.payloadType());
    }

    @Test
    void flyweightIsReusableAcrossBuffers() {
        RtpHeader h = new RtpHeader();
        ByteBuf first = Unpooled.buffer();
        RtpHeaderWriter.write(first, false, 96, 7, 70L, 700L);
        ByteBuf second = Unpooled.buffer();
        RtpHeaderWriter.write(second, true, 97, 8, 80L, 800L);
        assertSame(h, h.wrap(first, 0, 12));
        assertEquals(7, h.sequenceNumber());
        h.wrap(second, 0, 12);
        assertEquals(8, h.sequenceNumber());
        assertEquals(800L, h.ssrc());
        assertSame(second, h.buffer());
        assertEquals(12, h.length());
    }

    @Test
    void payloadBoundsAreUnknownUntilValidated() {
        RtpHeader h = new RtpHeader().wrap(Hex.exact("80 60 0000 00000000 00000000 0001"), 0, 14);
        assertFalse(h.isValidated());
        assertThrows(IllegalStateException.class, h::payloadOffset);
        assertThrows(IllegalStateException.class, h::payloadLength);
    }

    @Test
    void csrcIndexIsCheckedAgainstCountAndLength() {
        ByteBuf buf = Hex.exact("82 60 0000 00000000 00000000 0000000a");
        RtpHeader h = new RtpHeader().wrap(buf, 0, buf.capacity());
        assertEquals(10L, h.csrc(0));
        // Count says 2, but the second identifier is not in the datagram.
        assertThrows(IndexOutOfBoundsException.class, () -> h.csrc(1));
        assertThrows(IndexOutOfBoundsException.class, () -> h.csrc(-1));
    }

    @Test
    void writerRefusesValuesItCannotEncode() {
        ByteBuf buf = Unpooled.buffer();
        assertThrows(IllegalArgumentException.class,
                () -> RtpHeaderWriter.write(buf, false, 128, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RtpHeaderWriter.write(buf, false, -1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RtpHeaderWriter.write(buf, false, 96, 0x10000, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RtpHeaderWriter.write(buf, false, 96, -1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RtpHeaderWriter.write(buf, false, 96, 0, 0x1_0000_0000L, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RtpHeaderWriter.write(buf, false, 96, 0, -1L, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RtpHeaderWriter.write(buf, false, 96, 0, 0, 0x1_0000_0000L));
        assertEquals(0, buf.writerIndex(), "a refused header writes nothing");
    }

    @Test
    void wrapRefusesRangeOutsideCapacity() {
        ByteBuf buf = Unpooled.buffer(12, 12);
        RtpHeader h = new RtpHeader();
        assertThrows(IllegalArgumentException.class, () -> h.wrap(buf, 1, 12));
        assertThrows(IllegalArgumentException.class, () -> h.wrap(buf, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> h.wrap(buf, 0, -1));
        assertSame(h, h.wrap(buf, 12, 0));
    }
}
