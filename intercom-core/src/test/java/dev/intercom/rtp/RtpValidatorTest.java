package dev.intercom.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.codec.L16Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed datagrams are refused with their exact reason; valid ones (with CSRCs, extension and
 * padding) are accepted with exact payload bounds. The validator under test expects payload type
 * 96 (0x60), stereo L16 (4 bytes per frame) and at most 4 frames per packet.
 */
@Timeout(10)
class RtpValidatorTest {

    private static final int PT = 96;
    private static final int CHANNELS = 2;
    private static final int MAX_FRAMES = 4;

    // Fixed header with V=2, PT 96, seq 1, ts 0x100, SSRC 0xCAFEBABE; first byte varies per case.
    private static final String REST = "60 0001 00000100 cafebabe";
    private static final String FIXED = "80 " + REST;

    /** One malformed datagram and the reason it must be refused for. */
    record Bad(String name, String hex, RtpRejection reason) {
        @Override
        public String toString() {
            return name + " -> " + reason.label();
        }
    }

    static List<Bad> malformed() {
        return List.of(
                new Bad("empty datagram", "", RtpRejection.TOO_SHORT),
                new Bad("one byte", "80", RtpRejection.TOO_SHORT),
                new Bad("11 bytes", "80 60 0001 00000100 cafeba", RtpRejection.TOO_SHORT),
                new Bad("short with bad version too", "00 60 00", RtpRejection.TOO_SHORT),

                new Bad("version 0", "00 " + REST + " 00010002", RtpRejection.BAD_VERSION),
                new Bad("version 1", "40 " + REST + " 00010002", RtpRejection.BAD_VERSION),
                new Bad("version 3", "c0 " + REST + " 00010002", RtpRejection.BAD_VERSION),
                new Bad("version 0 with CSRC overrun", "0f " + REST, RtpRejection.BAD_VERSION),

                new Bad("CSRC count 15, header only", "8f " + REST, RtpRejection.CSRC_OVERRUN),
                new Bad("CSRC count 15, one byte short", "8f " + REST + " 00*59",
                        RtpRejection.CSRC_OVERRUN),
                new Bad("CSRC count 1, three bytes", "81 " + REST + " 000000",
                        RtpRejection.CSRC_OVERRUN),
                new Bad("CSRC overrun before padding is looked at", "a2 " + REST + " 00000001",
                        RtpRejection.CSRC_OVERRUN),

                new Bad("extension flag, no extension header", "90 " + REST,
                        RtpRejection.EXTENSION_OVERRUN),
                new Bad("extension header cut at 3 bytes", "90 " + REST + " bede00",
                        RtpRejection.EXTENSION_OVERRUN),
                new Bad("extension declares 1 word, none present", "90 " + REST + " bede0001",
                        RtpRejection.EXTENSION_OVERRUN),
                new Bad("extension declares 2 words, 7 bytes present",
                        "90 " + REST + " bede0002 00*7", RtpRejection.EXTENSION_OVERRUN),
                new Bad("extension declares 65535 words", "90 " + REST + " bedeffff 00010002",
                        RtpRejection.EXTENSION_OVERRUN),
                new Bad("extension header after CSRCs runs past end",
                        "91 " + REST + " 11111111 bede", RtpRejection.EXTENSION_OVERRUN),

                new Bad("padding flag, no byte after header, count byte would be SSRC",
                        "a0 " + REST, RtpRejection.BAD_PADDING),
                new Bad("padding flag, header ends in zero, no body",
                        "a0 60 0001 00000100 cafeba00", RtpRejection.BAD_PADDING),
                new Bad("pad count 0", "a0 " + REST + " 00010002 00000000",
                        RtpRejection.BAD_PADDING),
                new Bad("pad count one more than the body", "a0 " + REST + " 00010002 00000009",
                        RtpRejection.BAD_PADDING),
                new Bad("pad count 255 in a 4-byte body", "a0 " + REST + " 000102ff",
                        RtpRejection.BAD_PADDING),
                new Bad("pad count reaching back into the CSRC list",
                        "a1 " + REST + " 11111111 0005", RtpRejection.BAD_PADDING),
                new Bad("pad count reaching back into the extension",
                        "b0 " + REST + " bede0001 00000000 0005", RtpRejection.BAD_PADDING),

                new Bad("payload type 97", "80 61 0001 00000100 cafebabe 00010002",
                        RtpRejection.WRONG_PAYLOAD_TYPE),
                new Bad("payload type 0 with marker", "80 80 0001 00000100 cafebabe 00010002",
                        RtpRejection.WRONG_PAYLOAD_TYPE),
                new Bad("wrong payload type and empty", "80 61 0001 00000100 cafebabe",
                        RtpRejection.WRONG_PAYLOAD_TYPE),

                new Bad("header only", FIXED, RtpRejection.EMPTY_PAYLOAD),
                new Bad("CSRC and extension, no payload", "91 " + REST + " 11111111 bede0000",
                        RtpRejection.EMPTY_PAYLOAD),
                new Bad("padding consumes the whole body", "a0 " + REST + " 00010004",
                        RtpRejection.EMPTY_PAYLOAD),
                new Bad("just one pad byte counting itself", "a0 " + REST + " 01",
                        RtpRejection.EMPTY_PAYLOAD),

                new Bad("1-byte payload", FIXED + " 01", RtpRejection.PARTIAL_FRAME),
                new Bad("one mono sample in a stereo stream", FIXED + " 0102",
                        RtpRejection.PARTIAL_FRAME),
                new Bad("one frame and a half", FIXED + " 00010002 0003",
                        RtpRejection.PARTIAL_FRAME),
                new Bad("partial frame once padding is removed",
                        "a0 " + REST + " 00010002 0003 02", RtpRejection.PARTIAL_FRAME),

                new Bad("5 frames when 4 are allowed", FIXED + " 00010002*5",
                        RtpRejection.PAYLOAD_TOO_LONG),
                new Bad("5 frames after CSRC, extension and padding",
                        "b1 " + REST + " 11111111 bede0000 00010002*5 0002",
                        RtpRejection.PAYLOAD_TOO_LONG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedDatagramWithItsReason(Bad bad) {
        RtpValidator validator = new RtpValidator(PT, CHANNELS, MAX_FRAMES);
        // Capacity equals the datagram, so a read past its end would throw instead of passing.
        ByteBuf exact = Hex.exact(bad.hex());
        assertEquals(bad.reason(), validator.validate(exact));
        assertFalse(validator.header().isValidated());
        assertThrows(IllegalStateException.class, validator::payloadOffset);
        assertEquals(0, exact.readerIndex(), "validation must not consume the datagram");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedDatagramAtAnOffsetInALargerBuffer(Bad bad) {
        RtpValidator validator = new RtpValidator(PT, CHANNELS, MAX_FRAMES);
        byte[] datagram = Hex.bytes(bad.hex());
        // Bytes around the datagram would make a valid packet if the validator looked at them.
        ByteBuf buf = Unpooled.buffer(datagram.length + 64);
        buf.writeBytes(Hex.bytes("80*7"));
        buf.writeBytes(datagram);
        buf.writeBytes(Hex.bytes("60 0001 00000100 cafebabe 00010002 00*20"));
        assertEquals(bad.reason(), validator.validate(buf, 7, datagram.length));
    }

    @Test
    void tableCoversEveryRejectionReason() {
        Set<RtpRejection> covered = malformed().stream().map(Bad::reason)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RtpRejection.class)));
        assertEquals(EnumSet.allOf(RtpRejection.class), covered);
    }

    @Test
    void rejectionLabelsAreDistinctSnakeCase() {
        Set<String> labels = Stream.of(RtpRejection.values()).map(RtpRejection::label)
                .collect(Collectors.toSet());
        assertEquals(RtpRejection.values().length, labels.size());
        for (String label : labels) {
            assertTrue(label.matches("[a-z]+(_[a-z]+)*"), label);
        }
        assertEquals("too_short", RtpRejection.TOO_SHORT.label());
        assertEquals("partial_frame", RtpRejection.PARTIAL_FRAME.label());
    }

    /** One valid datagram with its expected payload bounds (relative to its start). */
    record Good(String name, String hex, int payloadOffset, int payloadLength, short[] samples) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Good> valid() {
        return List.of(
                new Good("one stereo frame", FIXED + " 0001 fffe", 12, 4,
                        new short[] {1, -2}),
                new Good("marker set", "80 e0 0001 00000100 cafebabe 7fff 8000", 12, 4,
                        new short[] {Short.MAX_VALUE, Short.MIN_VALUE}),
                new Good("exactly max frames", FIXED + " 00010002*4", 12, 16,
                        new short[] {1, 2, 1, 2, 1, 2, 1, 2}),
                new Good("two CSRCs, 1-word extension, 3 pad bytes",
                        "b2 " + REST + " 11111111 22222222 bede0001 aabbccdd 0001 0002 0003 0004"
                                + " 0000 03", 28, 8, new short[] {1, 2, 3, 4}),
                new Good("fifteen CSRCs", "8f " + REST + " 01020304*15 1234 5678", 72, 4,
                        new short[] {0x1234, 0x5678}),
                new Good("empty extension", "90 " + REST + " bede0000 00050006", 16, 4,
                        new short[] {5, 6}),
                new Good("one pad byte counting itself", "a0 " + REST + " 00070008 01", 12, 4,
                        new short[] {7, 8}),
                new Good("padding not counted against max frames",
                        "a0 " + REST + " 00010002*4 00000004", 12, 16,
                        new short[] {1, 2, 1, 2, 1, 2, 1, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValidPacketWithExactPayloadBounds(Good good) {
        RtpValidator validator = new RtpValidator(PT, CHANNELS, MAX_FRAMES);
        ByteBuf exact = Hex.exact(good.hex());
        assertNull(validator.validate(exact));
        assertEquals(good.payloadOffset(), validator.payloadOffset());
        assertEquals(good.payloadLength(), validator.payloadLength());
        assertEquals(good.payloadLength() / 4, validator.frames());
        assertEquals(good.samples().length, validator.samples());
        short[] decoded = new short[validator.samples()];
        L16Codec.decode(exact, validator.payloadOffset(), decoded.length, decoded, 0);
        assertArrayEquals(good.samples(), decoded);
        assertEquals(0x0001, validator.header().sequenceNumber());
        assertEquals(0x100L, validator.header().timestamp());
        assertEquals(0xCAFEBABEL, validator.header().ssrc());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void payloadOffsetIsAbsoluteWhenDatagramStartsInsideBuffer(Good good) {
        RtpValidator validator = new RtpValidator(PT, CHANNELS, MAX_FRAMES);
        byte[] datagram = Hex.bytes(good.hex());
        ByteBuf buf = Unpooled.buffer();
        buf.writeZero(5);
        buf.writeBytes(datagram);
        buf.writeBytes(Hex.bytes("ff*9"));
        assertNull(validator.validate(buf, 5, datagram.length));
        assertEquals(5 + good.payloadOffset(), validator.payloadOffset());
        assertEquals(good.payloadLength(), validator.payloadLength());
    }

    @Test
    void validateWithoutRangeUsesReadableBytes() {
        RtpValidator validator = new RtpValidator(PT, CHANNELS, MAX_FRAMES);
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes(Hex.bytes("ffff " + FIXED + " 00010002"));
        buf.readerIndex(2);
        assertNull(validator.validate(buf));
        assertEquals(14, validator.payloadOffset());
        assertEquals(2, buf.readerIndex());
    }

    @Test
    void headerFieldsOfAcceptedPacketAreReadInPlace() {
        RtpValidator validator = new RtpValidator(PT, CHANNELS, MAX_FRAMES);
        ByteBuf buf = Hex.exact("b2 e0 fffe 89abcdef 01234567 11111111 22222222 bede0001"
                + " aabbccdd 0001 0002 0000 03");
        assertNull(validator.validate(buf));
        RtpHeader h = validator.header();
        assertEquals(2, h.version());
        assertTrue(h.padding());
        assertTrue(h.extension());
        assertEquals(2, h.csrcCount());
        assertTrue(h.marker());
        assertEquals(96, h.payloadType());
        assertEquals(0xFFFE, h.sequenceNumber());
        assertEquals(0x89ABCDEFL, h.timestamp());
        assertEquals(0x01234567L, h.ssrc());
        assertEquals(0x11111111L, h.csrc(0));
        assertEquals(0x22222222L, h.csrc(1));
        assertThrows(IndexOutOfBoundsException.class, () -> h.csrc(2));
    }

    @Test
    void refusalAfterAcceptanceForgetsThePreviousPayloadBounds() {
        RtpValidator validator = new RtpValidator(PT, CHANNELS, MAX_FRAMES);
        assertNull(validator.validate(Hex.exact(FIXED + " 00010002")));
        assertEquals(12, validator.payloadOffset());
        assertEquals(RtpRejection.EMPTY_PAYLOAD, validator.validate(Hex.exact(FIXED)));
        assertThrows(IllegalStateException.class, validator::payloadOffset);
        assertThrows(IllegalStateException.class, validator::payloadLength);
        assertThrows(IllegalStateException.class, validator::frames);
    }

    @Test
    void monoValidatorAcceptsWhatStereoCallsPartial() {
        RtpValidator mono = new RtpValidator(PT, 1, 4);
        assertNull(mono.validate(Hex.exact(FIXED + " 0102")));
        assertEquals(1, mono.frames());
        assertEquals(RtpRejection.PARTIAL_FRAME, mono.validate(Hex.exact(FIXED + " 010203")));
    }

    @Test
    void constructorRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RtpValidator(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RtpValidator(128, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RtpValidator(96, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RtpValidator(96, 1, 0));
        RtpValidator ok = new RtpValidator(127, 8, 960);
        assertEquals(127, ok.expectedPayloadType());
        assertEquals(8, ok.channels());
        assertEquals(960, ok.maxFrames());
    }

    @Test
    void rangeOutsideBufferIsACallerBug() {
        RtpValidator validator = new RtpValidator(PT, CHANNELS, MAX_FRAMES);
        ByteBuf buf = Hex.exact(FIXED + " 00010002");
        assertThrows(IllegalArgumentException.class, () -> validator.validate(buf, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> validator.validate(buf, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> validator.validate(buf, 0, -1));
    }
}
