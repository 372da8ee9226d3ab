package dev.intercom.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Written compound packets parse back to exactly what was written; hand-made malformed ones are
 * refused with their reason (RFC 3550 appendix A.2) before the handler hears anything; odd but
 * valid ones (padding in the last packet, APP and unknown types, extensions after report blocks)
 * are accepted.
 */
@Timeout(10)
class RtcpParserTest {

    // An RR from 0x11223344 with no blocks, and an SDES with its CNAME "a@b".
    private static final String RR = "80c90001 11223344 ";
    private static final String SDES = "81ca0003 11223344 01036140 62000000 ";

    private final RtcpParser parser = new RtcpParser();
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();

    @Test
    void senderReportWithSeveralBlocksSdesAndByeRoundTrips() {
        ByteBuf out = Unpooled.buffer();
        writer.begin(out)
                .senderReport(0xdeadbeefL, 0xb44db710_80000000L, 4_000_000_000L, 1234, 5_678_900)
                .reportBlock(0x01020304L, 0, 0, 65_536 + 17, 3, 0, 0)
                .reportBlock(0xaabbccddL, 25, -7, 4_294_967_295L, 4_294_967_295L,
                        0xb7052000L, 0x54000)
                .reportBlock(0x0badf00dL, 255, 8_388_607, 1, 0, 0xffffffffL, 0xffffffffL)
                .sdesCname(0xdeadbeefL, "alice@studio.example")
                .bye(0xdeadbeefL, "session ended")
                .finish();

        Recorder recorder = new Recorder();
        assertNull(parser.parse(out, recorder));
        assertEquals(List.of(
                "SR deadbeef ntp=b44db71080000000 rtp=4000000000 packets=1234 octets=5678900",
                "block from deadbeef about 01020304 fraction=0 lost=0 highest=65553 jitter=3"
                        + " lsr=00000000 dlsr=00000000",
                "block from deadbeef about aabbccdd fraction=25 lost=-7 highest=4294967295"
                        + " jitter=4294967295 lsr=b7052000 dlsr=00054000",
                "block from deadbeef about 0badf00d fraction=255 lost=8388607 highest=1 jitter=0"
                        + " lsr=ffffffff dlsr=ffffffff",
                "CNAME deadbeef alice@studio.example",
                "BYE deadbeef reason=session ended"), recorder.events);
    }

    @Test
    void receiverReportWithThirtyOneBlocksRoundTrips() {
        ByteBuf out = Unpooled.buffer();
        writer.begin(out).receiverReport(42);
        List<String> expected = new ArrayList<>();
        expected.add("RR 0000002a");
        for (int i = 0; i < Rtcp.MAX_REPORT_BLOCKS; i++) {
            writer.reportBlock(1000 + i, i, -i, 70_000 + i, 10 * i, i, 2 * i);
            expected.add(String.format("block from 0000002a about %08x fraction=%d lost=%d"
                    + " highest=%d jitter=%d lsr=%08x dlsr=%08x",
                    1000 + i, i, -i, 70_000 + i, 10 * i, i, 2 * i));
        }
        writer.sdesCname(42, "b@h").finish();
        expected.add("CNAME 0000002a b@h");

        Recorder recorder = new Recorder();
        assertNull(parser.parse(out, recorder));
        assertEquals(expected, recorder.events);
    }

    @Test
    void parsesADatagramInsideALargerBufferWithoutMovingItsIndexes() {
        ByteBuf buffer = Unpooled.buffer(256);
        buffer.writeBytes(new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee});
        int length = writer.begin(buffer).receiverReport(7).sdesCname(7, "c@d")
                .bye(7, null).finish();
        buffer.writeBytes(new byte[] {(byte) 0xee}); // garbage after the datagram

        Recorder recorder = new Recorder();
        assertNull(parser.parse(buffer, 3, length, recorder));
        assertEquals(List.of("RR 00000007", "CNAME 00000007 c@d", "BYE 00000007"),
                recorder.events);
        assertEquals(0, buffer.readerIndex());
        assertEquals(3 + length + 1, buffer.writerIndex());
    }

    /** One malformed compound packet and the reason it must be refused for. */
    record Bad(String name, String hex, RtcpRejection reason) {
        @Override
        public String toString() {
            return name + " -> " + reason.label();
        }
    }

    static List<Bad> malformed() {
        return List.of(
                new Bad("empty datagram", "", RtcpRejection.TOO_SHORT),
                new Bad("header only", "80c90000", RtcpRejection.TOO_SHORT),
                new Bad("7 bytes", "80c90001 112233", RtcpRejection.TOO_SHORT),

                new Bad("version 0", "00c90001 11223344 " + SDES, RtcpRejection.BAD_VERSION),
                new Bad("version 1", "40c90001 11223344 " + SDES, RtcpRejection.BAD_VERSION),
                new Bad("version 3", "c0c90001 11223344 " + SDES, RtcpRejection.BAD_VERSION),
                new Bad("an RTP header is not RTCP", "80600001 00000100 cafebabe",
                        RtcpRejection.FIRST_NOT_REPORT),

                new Bad("SDES first", SDES + RR, RtcpRejection.FIRST_NOT_REPORT),
                new Bad("BYE first", "81cb0001 11223344 " + RR + SDES,
                        RtcpRejection.FIRST_NOT_REPORT),
                new Bad("APP first", "80cc0002 11223344 6e616d65 " + RR + SDES,
                        RtcpRejection.FIRST_NOT_REPORT),

                new Bad("RR length says 12 bytes, 8 present", "80c90002 11223344",
                        RtcpRejection.LENGTH_OVERRUN),
                new Bad("RR length 65535 words", "80c9ffff 11223344 " + SDES,
                        RtcpRejection.LENGTH_OVERRUN),
                new Bad("SDES length one word too long", RR + "81ca0004 11223344 01036140 62000000",
                        RtcpRejection.LENGTH_OVERRUN),

                new Bad("two stray bytes after the last packet", RR + SDES + "0000",
                        RtcpRejection.LENGTH_MISMATCH),
                new Bad("RR length one word short: its SSRC read as a header",
                        "80c90000 11223344 " + SDES, RtcpRejection.LENGTH_MISMATCH),
                new Bad("zero word after the last packet", RR + SDES + "00000000",
                        RtcpRejection.LENGTH_MISMATCH),
                new Bad("SR length one word short", "80c80005 11223344 00000001 00000002"
                        + " 00000003 00000004 00000005 " + SDES, RtcpRejection.LENGTH_MISMATCH),

                new Bad("padding in the first of two packets", "a0c90001 11223344 " + SDES,
                        RtcpRejection.PADDING_NOT_LAST),
                new Bad("padding in the middle packet",
                        RR + "a0cc0002 11223344 6e616d65 " + SDES,
                        RtcpRejection.PADDING_NOT_LAST),

                new Bad("pad count 0", RR + "a1ca0003 11223344 01036140 62000000",
                        RtcpRejection.BAD_PADDING),
                new Bad("pad count longer than the packet body",
                        RR + "a1ca0003 11223344 01036140 6200000d", RtcpRejection.BAD_PADDING),
                new Bad("pad count of a lone RR larger than its body", "a0c90001 11223305",
                        RtcpRejection.BAD_PADDING),

                new Bad("SR without sender info", "80c80001 11223344 " + SDES,
                        RtcpRejection.TRUNCATED_REPORT),
                new Bad("RR announces a block, has none", "81c90001 11223344 " + SDES,
                        RtcpRejection.TRUNCATED_REPORT),
                new Bad("SR report block cut by 4 bytes", "81c8000b 11223344 00000001 00000002"
                        + " 00000003 00000004 00000005 cafebabe 00000000 00000000 00000000"
                        + " 00000000 " + SDES, RtcpRejection.TRUNCATED_REPORT),
                new Bad("RR announces 2 blocks, has 1", "82c90007 11223344 cafebabe 00000000"
                        + " 00000000 00000000 00000000 00000000 " + SDES,
                        RtcpRejection.TRUNCATED_REPORT),
                new Bad("padding eats into the last report block", "a1c90007 11223344 cafebabe"
                        + " 00000000 00000000 00000000 00000000 00000004",
                        RtcpRejection.TRUNCATED_REPORT),

                new Bad("SDES item longer than the packet", RR + "81ca0003 11223344 01096140 62000000",
                        RtcpRejection.BAD_SDES),
                new Bad("SDES item list without its null octet", RR + "81ca0002 11223344 01026162",
                        RtcpRejection.BAD_SDES),
                new Bad("SDES announces 2 chunks, has 1", RR + "82ca0003 11223344 01036140 62000000",
                        RtcpRejection.BAD_SDES),
                new Bad("SDES chunk without its SSRC", RR + "81ca0000",
                        RtcpRejection.BAD_SDES),

                new Bad("BYE announces 2 SSRCs, has 1", RR + SDES + "82cb0001 11223344",
                        RtcpRejection.BAD_BYE),
                new Bad("BYE reason longer than the packet", RR + SDES + "81cb0002 11223344 05627965",
                        RtcpRejection.BAD_BYE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedCompoundIsRefusedWithItsReasonAndNothingIsVisited(Bad bad) {
        Recorder recorder = new Recorder();
        assertEquals(bad.reason(), parser.parse(Wire.datagram(bad.hex()), recorder));
        assertEquals(List.of(), recorder.events, "no callback for a refused datagram");
    }

    @Test
    void everyRejectionHasAMalformedCase() {
        Set<RtcpRejection> covered = malformed().stream().map(Bad::reason)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RtcpRejection.class)));
        assertEquals(EnumSet.allOf(RtcpRejection.class), covered);
    }

    @Test
    void labelsAreDistinctSnakeCase() {
        Set<String> labels = EnumSet.allOf(RtcpRejection.class).stream()
                .map(RtcpRejection::label).collect(Collectors.toSet());
        assertEquals(RtcpRejection.values().length, labels.size());
        labels.forEach(label -> assertTrue(label.matches("[a-z]+(_[a-z]+)*"), label));
    }

    /** One odd but valid compound packet and what the handler must hear from it. */
    record Good(String name, String hex, List<String> events) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Good> oddButValid() {
        return List.of(
                new Good("RR alone, no SDES", RR, List.of("RR 11223344")),
                new Good("lone RR padded with 4 bytes", "a0c90002 11223344 00000004",
                        List.of("RR 11223344")),
                new Good("SDES padded as the last packet",
                        RR + "a1ca0004 11223344 01036140 62000000 00000004",
                        List.of("RR 11223344", "CNAME 11223344 a@b")),
                new Good("APP and XR (207) in the middle are skipped",
                        RR + "80cc0002 11223344 6e616d65 " + "80cf0001 11223344 " + SDES,
                        List.of("RR 11223344", "CNAME 11223344 a@b")),
                new Good("profile extension after the report", "80c90002 11223344 deadbeef " + SDES,
                        List.of("RR 11223344", "CNAME 11223344 a@b")),
                new Good("SDES with NAME and CNAME items, two chunks", RR
                        + "82ca0006 11223344 02024a6f 01036140 62000000"
                        + " 55667788 01016300",
                        List.of("RR 11223344", "CNAME 11223344 a@b", "CNAME 55667788 c")),
                new Good("BYE with no SSRCs", RR + SDES + "80cb0000",
                        List.of("RR 11223344", "CNAME 11223344 a@b", "BYE")),
                new Good("BYE with two SSRCs and an empty reason",
                        RR + SDES + "82cb0003 11223344 55667788 00000000",
                        List.of("RR 11223344", "CNAME 11223344 a@b",
                                "BYE 11223344 55667788 reason=")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddButValid")
    void oddButValidCompoundIsAcceptedAndVisited(Good good) {
        Recorder recorder = new Recorder();
        assertNull(parser.parse(Wire.datagram(good.hex()), recorder));
        assertEquals(good.events(), recorder.events);
    }

    @Test
    void validateAloneNeedsNoHandler() {
        assertNull(parser.validate(Wire.datagram(RR + SDES)));
        assertEquals(RtcpRejection.FIRST_NOT_REPORT, parser.validate(Wire.datagram(SDES + RR)));
    }

    @Test
    void rangeOutsideTheBufferIsACallerBug() {
        ByteBuf buffer = Wire.datagram(RR);
        assertThrows(IllegalArgumentException.class,
                () -> parser.parse(buffer, 4, 8, RtcpHandler.IGNORE));
        assertThrows(IllegalArgumentException.class,
                () -> parser.parse(buffer, -1, 4, RtcpHandler.IGNORE));
    }
}
