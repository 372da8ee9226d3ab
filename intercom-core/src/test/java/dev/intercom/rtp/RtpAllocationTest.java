package dev.intercom.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.codec.L16Codec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receive hot path (validate, read header fields, decode payload) allocates nothing per
 * packet once warmed up. Counts bytes, not time, so it cannot flake on a busy machine.
 */
@Timeout(60)
class RtpAllocationTest {

    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;

    @Test
    void validateAndDecodeAllocateNothingInSteadyState() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);

        int channels = 2;
        int frames = 240;
        RtpValidator validator = new RtpValidator(96, channels, frames);
        short[] dst = new short[frames * channels];
        // A packet that exercises every branch of the validator: CSRCs, extension and padding.
        ByteBuf packet = Unpooled.buffer(2048);
        packet.writeBytes(Hex.bytes("b1 e0 1234 00000100 cafebabe 11111111 bede0001 aabbccdd"));
        for (int i = 0; i < frames * channels; i++) {
            packet.writeShort(i);
        }
        packet.writeBytes(Hex.bytes("000003"));

        long checksum = run(validator, packet, dst, WARM_UP);
        long before = threads.getCurrentThreadAllocatedBytes();
        checksum += run(validator, packet, dst, MEASURED);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // Each pass adds payload offset (12 fixed + 4 CSRC + 8 extension), last sample, sequence.
        long perPass = 24 + (frames * channels - 1) + 0x1234;
        assertEquals((long) (WARM_UP + MEASURED) * perPass, checksum, "work was really done");
        double perPacket = (double) allocated / MEASURED;
        assertTrue(perPacket < 1.0, "allocated " + allocated + " bytes over " + MEASURED
                + " packets (" + perPacket + " per packet)");
    }

    private static long run(RtpValidator validator, ByteBuf packet, short[] dst, int iterations) {
        long checksum = 0;
        for (int i = 0; i < iterations; i++) {
            RtpRejection rejection = validator.validate(packet);
            if (rejection != null) {
                assertNull(rejection);
            }
            int samples = validator.samples();
            L16Codec.decode(packet, validator.payloadOffset(), samples, dst, 0);
            checksum += validator.payloadOffset() + dst[samples - 1]
                    + validator.header().sequenceNumber();
        }
        return checksum;
    }
}
