package dev.intercom.jitter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.jitter.JitterBuffer.Offer;
import dev.intercom.jitter.JitterBuffer.Playout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The jitter buffer in virtual time: every arrival pattern the network can produce. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JitterBufferTest {

    private static final int BLOCK = 64;
    private static final int TARGET = 2 * BLOCK;
    private static final StreamFormat MONO = new StreamFormat(48_000, 1, BLOCK);
    private static final long BLOCK_NANOS = MONO.framesToNanos(BLOCK);

    private final JitterBuffer buffer = new JitterBuffer(MONO, TARGET, 1024, 8 * BLOCK, 2,
            new RepeatFadeConcealer(MONO));
    private final short[] out = new short[BLOCK];
    private final JitterSnapshot stats = new JitterSnapshot();
    private long now = 1_000_000_000L;

    /** The sample the sender puts at frame {@code n} of its stream: never zero. */
    private static short sampleAt(long n) {
        return (short) (1 + Math.floorMod(n * 37, 30_000));
    }

    private static short[] packet(long firstFrame, int frames) {
        short[] p = new short[frames];
        for (int i = 0; i < frames; i++) {
            p[i] = sampleAt(firstFrame + i);
        }
        return p;
    }

    private Offer send(long ssrc, int seq, long firstFrame, long timestampBase, int frames) {
        return buffer.offer(ssrc, seq & 0xFFFF, (timestampBase + firstFrame) & 0xFFFF_FFFFL,
                packet(firstFrame, frames), frames, now);
    }

    private Offer send(int block) {
        return send(42, 1000 + block, (long) block * BLOCK, 5000, BLOCK);
    }

    private Playout poll() {
        now += BLOCK_NANOS;
        return buffer.poll(out, now);
    }

    private void assertPlayedBlock(long block) {
        assertArrayEquals(packet(block * BLOCK, BLOCK), out, "block " + block);
    }

    private JitterSnapshot stats() {
        buffer.snapshot(stats);
        return stats;
    }

    @Test
    void staysSilentUntilTheTargetIsFilledThenPlaysInOrder() {
        assertEquals(Playout.IDLE, poll());
        send(0);
        assertEquals(Playout.BUFFERING, poll());
        assertEquals(0, out[0]);
        send(1);
        for (int b = 0; b < 50; b++) {
            assertEquals(Playout.PLAYED, poll(), "block " + b);
            assertPlayedBlock(b);
            send(b + 2);
        }
        JitterSnapshot s = stats();
        assertEquals(52, s.received);
        assertEquals(0, s.lost + s.late + s.duplicates + s.reordered + s.concealed + s.underruns);
        assertEquals(TARGET, s.bufferedFrames);
        assertTrue(s.playing);
    }

    @Test
    void reportsHowLongEachBlockWaited() {
        send(0);
        now += 3 * BLOCK_NANOS;
        send(1);
        poll();
        assertEquals(4 * BLOCK_NANOS, buffer.lastWaitNanos());
    }

    @Test
    void reorderedPacketsArePlayedInTimestampOrder() {
        send(0);
        send(2);
        send(1);
        send(3);
        for (int b = 0; b < 4; b++) {
            assertEquals(Playout.PLAYED, poll());
            assertPlayedBlock(b);
        }
        assertEquals(1, stats().reordered);
        assertEquals(0, stats().lost);
    }

    @Test
    void duplicatesAreCountedAndDropped() {
        send(0);
        send(1);
        assertEquals(Offer.DUPLICATE, send(1));
        assertEquals(Offer.DUPLICATE, send(0));
        assertEquals(2, stats().duplicates);
        assertEquals(2, stats().received);
    }

    @Test
    void aLostPacketIsConcealedByAFadedRepeatAndCounted() {
        send(0);
        send(1);
        send(3);
        send(4);
        assertEquals(Playout.PLAYED, poll());
        assertEquals(Playout.PLAYED, poll());
        short[] lastGood = out.clone();
        assertEquals(Playout.CONCEALED, poll());
        assertEquals(lastGood[0], out[0], "the first concealed frame repeats the last block");
        assertTrue(Math.abs(out[BLOCK - 1]) < Math.abs(lastGood[BLOCK - 1]) / 8 + 1, "and fades out");
        assertEquals(Playout.PLAYED, poll());
        assertPlayedBlock(3);
        JitterSnapshot s = stats();
        assertEquals(1, s.lost);
        assertEquals(1, s.concealed);
        assertEquals(0, s.underruns, "a gap with audio behind it is loss, not an underrun");
    }

    @Test
    void aPacketThatArrivesAfterItsFramesWerePlayedIsLate() {
        send(0);
        send(1);
        send(3);
        poll();
        poll();
        poll(); // block 2 concealed
        assertEquals(Offer.LATE, send(2));
        JitterSnapshot s = stats();
        assertEquals(1, s.late);
        assertEquals(0, s.lost, "a late packet was received");
        assertEquals(1, s.reordered);
    }

    @Test
    void sequenceAndTimestampWrapAroundTransparently() {
        long tsBase = 0xFFFF_FFFFL - 3 * BLOCK + 1; // timestamps wrap at block 3
        for (int b = 0; b < 8; b++) {
            assertEquals(Offer.ACCEPTED, send(7, 65_532 + b, (long) b * BLOCK, tsBase, BLOCK));
        }
        for (int b = 0; b < 6; b++) {
            assertEquals(Playout.PLAYED, poll());
            assertPlayedBlock(b);
        }
        JitterSnapshot s = stats();
        assertEquals(0, s.lost + s.strays + s.resyncs);
        assertEquals(8, s.received);
    }

    @Test
    void packetsOfAnyLengthLandWhereTheirTimestampSays() {
        // A foreign sender's packets: 100 frames each, not aligned to our blocks.
        int seq = 0;
        for (long frame = 0; frame < 1000; frame += 100) {
            send(9, seq++, frame, 77, 100);
        }
        for (int b = 0; b < 1000 / BLOCK; b++) {
            assertEquals(Playout.PLAYED, poll());
            assertPlayedBlock(b);
        }
    }

    @Test
    void aPartlyMissingBlockKeepsTheFramesThatArrived() {
        send(9, 0, 0, 0, BLOCK);
        send(9, 1, BLOCK, 0, BLOCK / 2); // second half of block 1 never comes
        send(9, 3, 2 * BLOCK, 0, BLOCK);
        poll();
        assertEquals(Playout.CONCEALED, poll());
        for (int i = 0; i < BLOCK / 2; i++) {
            assertEquals(sampleAt(BLOCK + i), out[i]);
        }
        assertEquals(1, stats().concealed);
    }

    @Test
    void anUnderrunRefillsToTheTargetAndAStallsBacklogIsTrimmedLater() {
        send(0);
        send(1);
        poll();
        poll();
        // The network stalls for 5 blocks, then everything arrives at once.
        for (int i = 0; i < 5; i++) {
            assertEquals(Playout.CONCEALED, poll());
        }
        for (int b = 2; b < 10; b++) {
            send(b);
        }
        JitterSnapshot s = stats();
        assertEquals(1, s.underruns);
        assertEquals(5, s.concealed);
        assertEquals(0, s.late, "playout held its place: nothing that arrived is thrown away");
        assertEquals(Playout.PLAYED, poll());
        assertPlayedBlock(2);
        int next = 10;
        for (int i = 0; i < 400; i++) { // two trim windows of 150 blocks
            assertEquals(Playout.PLAYED, poll());
            send(next++);
        }
        s = stats();
        assertEquals(1, s.trims, "the standing backlog is skipped once");
        assertEquals(TARGET, s.bufferedFrames);
    }

    @Test
    void anOutageOfLostPacketsIsConcealedOnceWithoutAddingDelay() {
        send(0);
        send(1);
        poll();
        poll();
        // Blocks 2..7 are lost: six block periods pass with nothing arriving.
        for (int i = 0; i < 6; i++) {
            assertEquals(Playout.CONCEALED, poll());
        }
        int next = 8;
        send(next++);
        send(next++); // the stream is back, one block per period
        assertEquals(Playout.PLAYED, poll(), "plays the returning stream at once");
        assertPlayedBlock(8);
        for (int i = 0; i < 200; i++) {
            send(next++);
            assertEquals(Playout.PLAYED, poll());
        }
        JitterSnapshot s = stats();
        assertEquals(6, s.concealed, "the outage, once");
        assertEquals(0, s.trims, "no backlog to trim: no audio that arrived is skipped");
        assertEquals(1, s.underruns);
        assertEquals(6, s.lost);
        assertEquals(BLOCK, s.bufferedFrames, "back at the target: one block waiting after each poll");
    }

    @Test
    void anUnderrunWhileTheNextBlockIsMerelyLateRestoresTheMargin() {
        send(0);
        send(1);
        poll();
        poll();
        assertEquals(Playout.CONCEALED, poll()); // block 2 is late: underrun
        send(2);
        assertEquals(Playout.CONCEALED, poll(), "refilling to the target");
        send(3);
        assertEquals(Playout.PLAYED, poll());
        assertPlayedBlock(2);
        assertEquals(BLOCK, stats().bufferedFrames, "block 3 waits: the delay grew by the stall");
    }

    @Test
    void aBurstWhileFillingIsTrimmedBackToTheTarget() {
        for (int b = 0; b < 10; b++) {
            send(b); // a sender that stalled at start-up and caught up
        }
        assertEquals(10 * BLOCK, stats().bufferedFrames);
        int next = 10;
        for (int i = 0; i < 200; i++) {
            assertTrue(poll() == Playout.PLAYED, "never concealed: the trim skips whole blocks");
            send(next++);
        }
        JitterSnapshot s = stats();
        assertEquals(1, s.trims);
        assertEquals(8 * BLOCK, s.trimmedFrames, "the whole standing excess");
        assertEquals(TARGET, s.bufferedFrames);
        assertEquals(0, s.concealed + s.late + s.underruns);
    }

    @Test
    void jitterWithinABlockOfTheTargetIsNeverTrimmed() {
        send(0);
        send(1);
        int next = 2;
        for (int i = 0; i < 400; i++) {
            poll();
            if (i % 2 == 0) {
                send(next++);
                send(next++); // packets arrive in pairs: the level swings by a block
            }
        }
        assertEquals(0, stats().trims);
    }

    @Test
    void whenTheRingOverflowsTheOldestFramesAreDropped() {
        send(0);
        send(1);
        // 1024-frame ring: a packet 20 blocks ahead forces the oldest out.
        assertEquals(Offer.ACCEPTED, send(20));
        JitterSnapshot s = stats();
        assertEquals(1, s.overflows);
        assertTrue(s.bufferedFrames <= 1024);
        for (int b = 0; b < 16; b++) {
            poll();
        }
        assertPlayedBlock(20);
    }

    @Test
    void anEmptyBufferUnderrunsThenGoesIdleAndANewStreamStartsAfresh() {
        send(0);
        send(1);
        poll();
        poll();
        for (int i = 0; i < 8; i++) {
            assertEquals(Playout.CONCEALED, poll());
        }
        assertEquals(Playout.IDLE, poll());
        assertEquals(1, stats().underruns);
        assertEquals(8, stats().concealed);
        // The sender comes back a minute later: a fresh start, nothing counted late.
        send(42, 1000 + 40_000, 40_000L * BLOCK, 5000, BLOCK);
        send(42, 1000 + 40_001, 40_001L * BLOCK, 5000, BLOCK);
        assertEquals(Playout.PLAYED, poll());
        assertPlayedBlock(40_000);
        assertEquals(0, stats().late);
    }

    @Test
    void aNewSsrcTakesOverAfterAFewConsecutivePackets() {
        send(0);
        send(1);
        poll();
        assertEquals(Offer.STRAY, send(99, 7, 0, 123_456, BLOCK));
        assertEquals(Offer.RESYNC, send(99, 8, BLOCK, 123_456, BLOCK));
        JitterSnapshot s = stats();
        assertEquals(1, s.resyncs);
        assertEquals(1, s.strays);
        assertEquals(Playout.BUFFERING, poll(), "refilling to the target after the resync");
        send(99, 9, 2 * BLOCK, 123_456, BLOCK);
        assertEquals(Playout.PLAYED, poll());
        assertPlayedBlock(1);
    }

    @Test
    void aSingleStrayPacketDoesNotDisturbTheStream() {
        send(0);
        send(1);
        assertEquals(Offer.STRAY, send(42, 30_000, 0, 5000, BLOCK));
        send(2);
        assertEquals(Offer.STRAY, send(42, 1000, 1_000_000, 5000, BLOCK));
        send(3);
        for (int b = 0; b < 4; b++) {
            assertEquals(Playout.PLAYED, poll());
            assertPlayedBlock(b);
        }
        assertEquals(0, stats().resyncs);
        assertEquals(2, stats().strays);
    }

    @Test
    void aFarSequenceJumpWithinTheSameSsrcResynchronises() {
        send(0);
        send(1);
        poll();
        assertEquals(Offer.STRAY, send(42, 20_000, 900_000, 5000, BLOCK));
        assertEquals(Offer.RESYNC, send(42, 20_001, 900_000 + BLOCK, 5000, BLOCK));
        send(42, 20_002, 900_000 + 2 * BLOCK, 5000, BLOCK);
        assertEquals(Playout.PLAYED, poll());
        assertArrayEquals(packet(900_000 + BLOCK, BLOCK), out);
    }

    @Test
    void lossCountsSurviveAResync() {
        send(0);
        send(2); // block 1 lost
        send(99, 7, 0, 1, BLOCK);
        send(99, 8, BLOCK, 1, BLOCK);
        assertEquals(1, stats().lost);
        assertEquals(3, stats().received);
    }

    @Test
    void jitterFollowsRfc3550() {
        // Packets every block period but alternately 1 ms early and late: |D| = 2 ms each time.
        long skew = 1_000_000;
        for (int b = 0; b < 400; b++) {
            now = 1_000_000_000L + b * BLOCK_NANOS + (b % 2 == 0 ? skew : -skew);
            send(b);
            buffer.poll(out, now);
        }
        JitterSnapshot s = stats();
        assertTrue(s.jitterKnown);
        assertEquals(2.0, MONO.framesToMillis(s.jitterFrames), 0.05);
    }

    @Test
    void offerAndPollAllocateNothingInSteadyState() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        short[] payload = packet(0, BLOCK);
        JitterSnapshot snapshot = new JitterSnapshot();
        int seq = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++, seq++) {
                now += BLOCK_NANOS;
                buffer.offer(42, seq & 0xFFFF, (long) seq * BLOCK & 0xFFFF_FFFFL, payload, BLOCK, now);
                buffer.poll(out, now);
                buffer.snapshot(snapshot);
            }
            long perPacket = (threads.getCurrentThreadAllocatedBytes() - before) / 100_000;
            if (round == 1) {
                assertEquals(0, perPacket, "bytes allocated per packet");
            }
        }
    }

    @Test
    void stereoFramesStayInterleaved() {
        StreamFormat stereo = new StreamFormat(48_000, 2, 4);
        JitterBuffer b = new JitterBuffer(stereo, 4, 64, 64, 2, new RepeatFadeConcealer(stereo));
        short[] p = {1, -1, 2, -2, 3, -3, 4, -4};
        b.offer(1, 0, 0, p, 4, 0);
        short[] o = new short[8];
        assertEquals(Playout.PLAYED, b.poll(o, 1));
        assertArrayEquals(p, o);
    }
}
