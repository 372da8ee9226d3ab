package dev.intercom.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parsing a typical compound packet (SR with a report block, SDES CNAME) and reading every
 * field allocates nothing once warmed up. Counts bytes, not time, so it cannot flake.
 */
@Timeout(60)
class RtcpAllocationTest {

    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;

    /** Folds every field it is shown into a checksum, so none of the reads is optimised away. */
    private static final class Summing implements RtcpHandler {
        long sum;

        @Override
        public void senderReport(long ssrc, RtcpSenderInfo info) {
            sum += ssrc + info.ntpTimestamp() + info.rtpTimestamp() + info.packetCount()
                    + info.octetCount();
        }

        @Override
        public void reportBlock(long reporterSsrc, RtcpReportBlock b) {
            sum += b.sourceSsrc() + b.fractionLost() + b.cumulativeLost()
                    + b.extendedHighestSequence() + b.jitter() + b.lastSenderReport()
                    + b.delaySinceLastSenderReport();
        }

        @Override
        public void cname(long ssrc, ByteBuf buffer, int offset, int length) {
            sum += length + buffer.getByte(offset);
        }
    }

    @Test
    void parsingATypicalCompoundAllocatesNothingInSteadyState() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);

        ByteBuf datagram = Unpooled.buffer(256);
        datagram.writeZero(5); // not at offset 0, as inside a receive buffer
        int length = new RtcpCompoundWriter().begin(datagram)
                .senderReport(1, 2, 3, 4, 5)
                .reportBlock(6, 7, 8, 9, 10, 11, 12)
                .sdesCname(1, "peer@host")
                .finish();
        RtcpParser parser = new RtcpParser();
        Summing handler = new Summing();
        long perPass = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 9 + 'p';

        run(parser, datagram, length, handler, WARM_UP);
        long before = threads.getCurrentThreadAllocatedBytes();
        run(parser, datagram, length, handler, MEASURED);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals((long) (WARM_UP + MEASURED) * perPass, handler.sum, "work was really done");
        double perPacket = (double) allocated / MEASURED;
        assertTrue(perPacket < 1.0, "allocated " + allocated + " bytes over " + MEASURED
                + " packets (" + perPacket + " per packet)");
    }

    private static void run(RtcpParser parser, ByteBuf datagram, int length, Summing handler,
            int iterations) {
        for (int i = 0; i < iterations; i++) {
            RtcpRejection rejection = parser.parse(datagram, 5, length, handler);
            if (rejection != null) {
                assertNull(rejection);
            }
        }
    }
}
