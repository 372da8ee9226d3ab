package dev.intercom.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bytes allocated per protected-and-unprotected packet in steady state. Our own code allocates
 * nothing; the JCE allocates a little per HMAC and a little more per GCM {@code init}. The bounds
 * catch a regression (say, a scratch array per packet) without pinning JDK internals. Counts bytes,
 * not time, so it cannot flake on a busy machine.
 */
@Timeout(60)
class SrtpAllocationTest {

    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 50_000;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void steadyStateAllocatesLittlePerPacket(SrtpProfile profile) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);

        SrtpKey key = SrtpSessionTest.key(profile);
        SrtpSender sender = new SrtpSender(key);
        SrtpReceiver receiver = new SrtpReceiver(key);
        // 128 frames of mono L16: the default block.
        ByteBuf packet = Unpooled.directBuffer(12 + 256 + profile.rtcpOverhead());

        run(sender, receiver, packet, 0, WARM_UP);
        long before = threads.getCurrentThreadAllocatedBytes();
        run(sender, receiver, packet, WARM_UP, MEASURED);
        long perPacket = (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;

        // Measured on JDK 17: 80 bytes (HMAC result arrays) and about 1.9 KB (GCM init state).
        long bound = profile == SrtpProfile.AES128_CM_SHA1_80 ? 256 : 8192;
        assertTrue(perPacket < bound, profile + " allocated " + perPacket + " bytes per packet");
    }

    private static void run(SrtpSender sender, SrtpReceiver receiver, ByteBuf packet, int first,
            int count) {
        for (int i = first; i < first + count; i++) {
            packet.clear();
            packet.writeByte(0x80).writeByte(96).writeShort(i).writeInt(i * 128).writeInt(42);
            packet.writerIndex(12 + 256);
            sender.protectRtp(packet);
            SrtpVerdict verdict = receiver.unprotectRtp(packet);
            if (verdict != SrtpVerdict.OK) {
                assertEquals(SrtpVerdict.OK, verdict, "packet " + i);
            }
        }
    }
}
