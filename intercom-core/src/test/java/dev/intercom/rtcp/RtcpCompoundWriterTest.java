package dev.intercom.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compound packets come out byte for byte as RFC 3550 section 6.4.1 (SR, figure on page 36),
 * 6.5 (SDES) and 6.6 (BYE) lay them out, counts and lengths included, and the compound rules of
 * section 6.1 are enforced. The expected bytes below were worked out by hand from the figures.
 */
@Timeout(10)
class RtcpCompoundWriterTest {

    private static final long SSRC = 0x11223344L;

    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final ByteBuf out = Unpooled.buffer(16);

    @Test
    void senderReportWithOneBlockSdesAndByeMatchesTheRfcLayout() {
        int bytes = writer.begin(out)
                .senderReport(SSRC, 0xb44db710_80000000L, 0x12345, 100, 25_600)
                .reportBlock(0xcafebabeL, 0x40, -1, 0x1_0005, 0x20, 0xb7052000L, 0x54000)
                .sdesCname(SSRC, "a@b")
                .bye(SSRC, "bye")
                .finish();

        String sr = ""
                // V=2 P=0 RC=1, PT=200, length 12 = 52 bytes / 4 - 1
                + "81 c8 000c  11223344"
                // NTP seconds and fraction (0.5 s), RTP timestamp, packets, octets
                + "b44db710 80000000  00012345  00000064  00006400"
                // block: source, fraction 0x40 and cumulative -1 as 24-bit two's complement,
                // cycles 1 + seq 5, jitter 32, LSR, DLSR 5.25 s
                + "cafebabe  40 ffffff  00010005  00000020  b7052000  00054000";
        String sdes = ""
                // V=2 P=0 SC=1, PT=202, length 3: chunk SSRC, CNAME item "a@b", one null + pad
                + "81 ca 0003  11223344  01 03 614062 00  0000";
        String bye = ""
                // V=2 P=0 SC=1, PT=203, length 2: SSRC, reason length 3 "bye"
                + "81 cb 0002  11223344  03 627965";
        assertEquals(Wire.compact(sr + sdes + bye), Wire.hex(out));
        assertEquals(52 + 16 + 12, bytes);
    }

    @Test
    void restampingRewritesTheSendingTimesAndLengthensOnlyTheDelaysThatAnswerAnSr() {
        writer.begin(out)
                .senderReport(SSRC, 0, 0, 100, 25_600)
                .reportBlock(0xcafebabeL, 0, 0, 5, 0, 0xb7052000L, 0x10000)
                .reportBlock(0xdeadbeefL, 0, 0, 7, 0, 0, 0) // no SR from that source: DLSR stays 0
                .sdesCname(SSRC, "a@b")
                .finish();

        writer.restamp(0xb44db710_80000000L, 0x12345, 0x8000);

        String sr = "82 c8 0012  11223344"
                + "b44db710 80000000  00012345  00000064  00006400"
                // 1 s held, plus the half second since it was computed
                + "cafebabe  00 000000  00000005  00000000  b7052000  00018000"
                + "deadbeef  00 000000  00000007  00000000  00000000  00000000";
        assertEquals(Wire.compact(sr + "81 ca 0003  11223344  01 03 614062 00  0000"), Wire.hex(out));
    }

    @Test
    void restampingAReceiverReportOnlyLengthensItsDelays() {
        writer.begin(out).receiverReport(SSRC)
                .reportBlock(0xcafebabeL, 0, 0, 5, 0, 0xb7052000L, 0xFFFF_FFF0L)
                .sdesCname(SSRC, "a@b").finish();

        writer.restamp(0xb44db710_80000000L, 0x12345, 0x100);

        // The NTP time has nowhere to go; the DLSR stops at its largest value.
        assertEquals(Wire.compact("81 c9 0007  11223344"
                + "cafebabe  00 000000  00000005  00000000  b7052000  ffffffff"
                + "81 ca 0003  11223344  01 03 614062 00  0000"), Wire.hex(out));
    }

    @Test
    void restampingNeedsAReport() {
        assertThrows(IllegalStateException.class, () -> writer.begin(out).restamp(1, 2, 3));
    }

    @Test
    void receiverReportWithoutBlocksAndByeWithoutReason() {
        writer.begin(out).receiverReport(SSRC).sdesCname(SSRC, "abcd").bye(SSRC, null).finish();

        assertEquals(Wire.compact("80 c9 0001 11223344"
                // 10 bytes of chunk + 1 null = 11, padded to 12
                + "81 ca 0003 11223344 01 04 61626364 00 00"
                + "81 cb 0001 11223344"), Wire.hex(out));
    }

    @Test
    void cnameEndingOnAWordBoundaryStillGetsItsNullOctet() {
        // Chunk SSRC + type + length + "ab" is exactly 8 bytes: the terminating null octet
        // needs a whole extra word of nulls.
        writer.begin(out).receiverReport(SSRC).sdesCname(SSRC, "ab").finish();

        assertEquals(Wire.compact("80 c9 0001 11223344  81 ca 0003 11223344 01 02 6162 00000000"),
                Wire.hex(out));
    }

    @Test
    void writesAfterExistingBytesAndReportsOnlyItsOwnLength() {
        out.writeBytes(new byte[] {1, 2, 3});
        int bytes = writer.begin(out).receiverReport(SSRC).sdesCname(SSRC, "abcd").finish();

        assertEquals(8 + 16, bytes);
        assertEquals(3 + 24, out.writerIndex());
        assertEquals(0x80, out.getUnsignedByte(3));
    }

    @Test
    void cumulativeLostIsClampedToSigned24Bits() {
        writer.begin(out).receiverReport(SSRC)
                .reportBlock(1, 0, 10_000_000, 0, 0, 0, 0)
                .reportBlock(2, 0, -10_000_000, 0, 0, 0, 0)
                .reportBlock(3, 255, 0x7F_FFFF, 0, 0, 0, 0)
                .sdesCname(SSRC, "x").finish();

        assertEquals(0x007F_FFFF, out.getInt(8 + 4), "large loss clamps to 0x7fffff");
        assertEquals(0x0080_0000, out.getInt(8 + 24 + 4), "large negative clamps to 0x800000");
        assertEquals(0xFF7F_FFFF, out.getInt(8 + 48 + 4), "fraction in the top byte");
        assertEquals(3, out.getUnsignedByte(0) & 0x1F, "report count");
        assertEquals((8 + 3 * 24) / 4 - 1, out.getUnsignedShort(2), "length in words minus one");
    }

    @Test
    void countersWrapModulo2To32() {
        writer.begin(out).senderReport(SSRC, 0, 0, (1L << 32) + 7, (1L << 32) + 9)
                .reportBlock(1, 0, 0, (1L << 32) + 5, 0, 0, 0)
                .sdesCname(SSRC, "x").finish();

        assertEquals(7, out.getInt(20));
        assertEquals(9, out.getInt(24));
        assertEquals(5, out.getInt(28 + 8));
    }

    @Test
    void thirtyOneBlocksFitAndAThirtySecondDoesNot() {
        writer.begin(out).receiverReport(SSRC);
        for (int i = 0; i < Rtcp.MAX_REPORT_BLOCKS; i++) {
            writer.reportBlock(i, 0, 0, 0, 0, 0, 0);
        }
        assertThrows(IllegalStateException.class, () -> writer.reportBlock(99, 0, 0, 0, 0, 0, 0));
        assertEquals(31, out.getUnsignedByte(0) & 0x1F);
        assertEquals(8 + 31 * 24, out.writerIndex());
    }

    @Test
    void compoundRulesAreEnforced() {
        assertThrows(IllegalStateException.class,
                () -> new RtcpCompoundWriter().receiverReport(SSRC), "begin first");
        assertThrows(IllegalStateException.class,
                () -> writer.begin(out).sdesCname(SSRC, "x"), "SDES cannot come first");
        assertThrows(IllegalStateException.class,
                () -> writer.begin(out).bye(SSRC, null), "BYE cannot come first");
        assertThrows(IllegalStateException.class,
                () -> writer.begin(out).receiverReport(SSRC).receiverReport(SSRC),
                "only one report is written");
        assertThrows(IllegalStateException.class,
                () -> writer.begin(out).receiverReport(SSRC).sdesCname(SSRC, "x")
                        .reportBlock(1, 0, 0, 0, 0, 0, 0), "blocks belong to the report");
        assertThrows(IllegalStateException.class,
                () -> writer.begin(out).receiverReport(SSRC).bye(SSRC, null)
                        .sdesCname(SSRC, "x"), "BYE is last");
        assertThrows(IllegalStateException.class,
                () -> writer.begin(out).receiverReport(SSRC).finish(), "CNAME is required");
        assertThrows(IllegalStateException.class,
                () -> writer.begin(out).finish(), "a report is required");
    }

    @Test
    void outOfRangeFieldsAreRefused() {
        writer.begin(out).receiverReport(SSRC);
        assertThrows(IllegalArgumentException.class,
                () -> writer.reportBlock(1L << 32, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> writer.reportBlock(1, 256, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> writer.reportBlock(1, -1, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> writer.reportBlock(1, 0, 0, 0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> writer.sdesCname(SSRC, ""));
        assertThrows(IllegalArgumentException.class,
                () -> writer.sdesCname(SSRC, "x".repeat(256)));
        assertThrows(IllegalArgumentException.class,
                () -> writer.begin(out).senderReport(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> writer.begin(out).senderReport(SSRC, 0, 1L << 32, 0, 0));
    }

    @Test
    void nonAsciiCnameIsCountedInUtf8Bytes() {
        writer.begin(out).receiverReport(SSRC).sdesCname(SSRC, "é@h").finish();

        // "é" is two bytes in UTF-8, so the item is 4 bytes of text.
        assertEquals(Wire.compact("80 c9 0001 11223344  81 ca 0003 11223344 01 04 c3a94068 00 00"),
                Wire.hex(out));
    }
}
