package dev.intercom.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Report block fields from receiver counters (RFC 3550 appendix A.3), with every expected value
 * worked out by hand in the comments.
 */
@Timeout(10)
class ReportBlockBuilderTest {

    private static final long SECOND = 1_000_000_000L;

    private final ReportBlockBuilder builder = new ReportBlockBuilder();

    @Test
    void fractionCoversTheIntervalAndCumulativeTheWholeStream() {
        // Sequence numbers 1000..1099: 100 expected, 90 received.
        builder.update(1000, 1099, 90, 0, 0);
        assertEquals(10 * 256 / 100, builder.fractionLost()); // 25
        assertEquals(10, builder.cumulativeLost());

        // Next 100 all arrive: nothing lost in the interval, still 10 since the start.
        builder.update(1000, 1199, 190, 0, SECOND);
        assertEquals(0, builder.fractionLost());
        assertEquals(10, builder.cumulativeLost());

        // Next 100, only 50 arrive: half lost in the interval, 60 of 300 overall.
        builder.update(1000, 1299, 240, 0, 2 * SECOND);
        assertEquals(128, builder.fractionLost());
        assertEquals(60, builder.cumulativeLost());
    }

    @Test
    void duplicatesMakeLossNegativeButTheFractionStaysZero() {
        // 100 expected, 105 received (5 duplicates, as RFC 3550 counts them).
        builder.update(0, 99, 105, 0, 0);
        assertEquals(0, builder.fractionLost(), "negative interval loss reports as 0");
        assertEquals(-5, builder.cumulativeLost());

        // 100 more expected, 98 more received: 2 lost in the interval, but -3 overall.
        builder.update(0, 199, 203, 0, SECOND);
        assertEquals(2 * 256 / 100, builder.fractionLost()); // 5
        assertEquals(-3, builder.cumulativeLost());
    }

    @Test
    void everyPacketLostIs255Not256() {
        builder.update(0, 9, 10, 0, 0);
        builder.update(0, 19, 10, 0, SECOND); // 10 expected, 0 received
        assertEquals(255, builder.fractionLost(), "256/256 does not fit 8 bits");
    }

    @Test
    void nothingExpectedSinceTheLastReportIsNoLoss() {
        builder.update(0, 9, 5, 0, 0);
        builder.update(0, 9, 5, 0, SECOND);
        assertEquals(0, builder.fractionLost());
        assertEquals(5, builder.cumulativeLost());
    }

    @Test
    void cumulativeLossClampsToSigned24Bits() {
        builder.update(0, 9_999_999, 0, 0, 0);
        assertEquals(0x7F_FFFF, builder.cumulativeLost());
        builder.update(0, 9, 9_000_000, 0, SECOND);
        assertEquals(-0x80_0000, builder.cumulativeLost());
        assertEquals(-8_388_608, ReportBlockBuilder.clampCumulativeLost(Long.MIN_VALUE));
        assertEquals(8_388_607, ReportBlockBuilder.clampCumulativeLost(Long.MAX_VALUE));
        assertEquals(-8_388_608, ReportBlockBuilder.clampCumulativeLost(-8_388_608));
    }

    @Test
    void extendedHighestSequenceKeepsCyclesAndWrapsAt2To32() {
        // Third cycle, sequence number 5.
        builder.update(2 * 65_536, 2 * 65_536 + 5, 6, 0, 0);
        assertEquals(0x0002_0005L, builder.extendedHighestSequence());
        builder.update(0xFFFF_FFF0L, 0x1_0000_0004L, 21, 0, 0);
        assertEquals(4, builder.extendedHighestSequence());
        assertEquals(0, builder.cumulativeLost(), "21 expected across the 2^32 wrap");
    }

    @Test
    void jitterIsTruncatedToWholeUnitsAndKeptInRange() {
        assertEquals(12, builder.update(0, 0, 1, 12.9, 0).jitter());
        assertEquals(0, builder.update(0, 0, 1, -3, 0).jitter());
        assertEquals(0, builder.update(0, 0, 1, Double.NaN, 0).jitter());
        assertEquals(0xFFFF_FFFFL, builder.update(0, 0, 1, 1e12, 0).jitter());
    }

    @Test
    void withoutASenderReportLsrAndDlsrAreZero() {
        builder.update(0, 9, 10, 0, 5 * SECOND);
        assertEquals(0, builder.lastSenderReport());
        assertEquals(0, builder.delaySinceLastSenderReport());
    }

    @Test
    void lsrIsTheMiddle32BitsAndDlsrCounts65536thsOfASecond() {
        // The SR of RFC 3550 figure 2, sent 11:33:25.125 (NTP 0xb44db705:20000000), arrives at
        // 1 s on our monotonic clock; we report 5.25 s later: DLSR = 5.25 * 65536 = 0x54000.
        builder.senderReportReceived(0xb44db705_20000000L, SECOND);
        builder.update(0, 9, 10, 0, SECOND + 5_250_000_000L);
        assertEquals(0xb7052000L, builder.lastSenderReport());
        assertEquals(0x0005_4000L, builder.delaySinceLastSenderReport());
    }

    @Test
    void dlsrTruncatesAndClamps() {
        builder.senderReportReceived(0x0000_0001_0000_0000L, 0); // LSR 0x00010000
        // One unit is 15258.789 ns: just under is 0, just over is 1.
        assertEquals(0, builder.update(0, 0, 1, 0, 15_258).delaySinceLastSenderReport());
        assertEquals(1, builder.update(0, 0, 1, 0, 15_259).delaySinceLastSenderReport());
        assertEquals(0, builder.update(0, 0, 1, 0, -SECOND).delaySinceLastSenderReport(),
                "a clock that went backwards gives no delay, not a huge one");
        assertEquals(0xFFFF_FFFFL,
                builder.update(0, 0, 1, 0, 70_000 * SECOND).delaySinceLastSenderReport(),
                "more than 18.2 h does not fit");
    }

    @Test
    void resetForgetsPriorsAndTheLastSenderReport() {
        builder.senderReportReceived(0x1234_5678_9abc_def0L, 0);
        builder.update(0, 99, 50, 0, SECOND);
        builder.reset();
        builder.update(500, 509, 9, 0, 2 * SECOND);
        assertEquals(1 * 256 / 10, builder.fractionLost(), "interval counted from zero again");
        assertEquals(0, builder.lastSenderReport());
        assertEquals(0, builder.delaySinceLastSenderReport());
    }

    @Test
    void writtenBlockParsesBackWithTheSameFields() {
        builder.senderReportReceived(0xb44db705_20000000L, 0);
        builder.update(65_536 + 100, 65_536 + 199, 103, 41.7, 5_250_000_000L);
        ByteBuf out = Unpooled.buffer();
        RtcpCompoundWriter writer = new RtcpCompoundWriter().begin(out).receiverReport(1);
        builder.writeTo(writer, 0xcafebabeL);
        writer.sdesCname(1, "me").finish();

        Recorder recorder = new Recorder();
        assertNull(new RtcpParser().parse(out, recorder));
        // 100 expected, 103 received: -3, fraction 0; highest = cycle 1, seq 199.
        assertEquals(List.of("RR 00000001",
                "block from 00000001 about cafebabe fraction=0 lost=-3 highest=65735 jitter=41"
                        + " lsr=b7052000 dlsr=00054000",
                "CNAME 00000001 me"), recorder.events);
    }
}
