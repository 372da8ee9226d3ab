package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.RecordingOutput;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.jitter.RepeatFadeConcealer;
import dev.intercom.jitter.TargetPolicy;
import dev.intercom.stats.SessionCounters;
import dev.intercom.time.NanoClock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The playout loop on a real paced output and real threads, held up the way a garbage
 * collection holds up a whole process: the playout thread and the sender (on loopback, in the
 * same process) both stop for a while, and both then catch up, racing each other.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PlayoutLoopTest {

    private static final NanoClock CLOCK = NanoClock.SYSTEM;
    private static final StreamFormat FORMAT = new StreamFormat(48_000, 1, 128);
    private static final int BLOCK = FORMAT.blockFrames();
    private static final int BLOCKS = 400;
    private static final int HELD_UP_AT = 150;
    private static final long HELD_UP_NANOS = 30_000_000;
    /** The sender catches up this much after the playout thread does: it loses the race. */
    private static final long SENDER_BEHIND_NANOS = 4_000_000;

    // A new rig for every test (JUnit makes a new instance for each).
    private final short[] signal = ramp(BLOCKS * BLOCK);
    private final JitterBuffer buffer = fixedTargetOfFourBlocks();
    private final RecordingOutput output = new RecordingOutput(FORMAT, CLOCK, (BLOCKS + 50) * BLOCK);
    private final SessionCounters counters = new SessionCounters();
    private final PlayoutLoop loop = new PlayoutLoop(output, () -> { },
            new Mixer(List.of(new Mixer.Input(buffer, now -> { }, counters)), counters, FORMAT.samplesPerBlock()),
            counters, CLOCK, problem -> { throw problem; });

    @Test
    void aHoldUpOfTheWholeProcessIsNotConcealedOnASlottedOutput() throws Exception {
        output.start();
        long start = CLOCK.nanoTime();
        CountDownLatch resumed = new CountDownLatch(1);
        Thread sender = sender(buffer, signal, start, BLOCKS, resumed);
        // Up to the last block the sender has surely sent a block before: no end to conceal.
        int slots = BLOCKS - 3;
        for (int n = 0; n < slots; n++) {
            if (n == HELD_UP_AT) {
                LockSupport.parkNanos(HELD_UP_NANOS);
                resumed.countDown();
            }
            assertTrue(loop.playOne());
        }

        JitterSnapshot heard = new JitterSnapshot();
        buffer.snapshot(heard);
        assertEquals(0, heard.concealed, "no block concealed");
        assertEquals(0, heard.late, "no packet late");
        short[] played = output.recording();
        int first = firstNonZero(played);
        assertTrue(first > 0, "the signal was played");
        int from = played[first] - 1; // the ramp's value says which frame of the signal it is
        int heardFrames = slots * BLOCK - first;
        assertTrue(heardFrames > (HELD_UP_AT + 20) * BLOCK, "played past the hold-up");
        assertArrayEquals(Arrays.copyOfRange(signal, from, from + heardFrames),
                Arrays.copyOfRange(played, first, first + heardFrames), "bit-exact through the hold-up");
        sender.interrupt();
    }

    @Test
    void aHoldUpWaitsForAudioThatNeverComesOnlyTheGrace() {
        output.start();
        long start = CLOCK.nanoTime();
        // The sender is gone for good at the hold-up.
        Thread sender = sender(buffer, signal, start, HELD_UP_AT, new CountDownLatch(0));
        for (int n = 0; n < HELD_UP_AT; n++) {
            assertTrue(loop.playOne());
        }
        LockSupport.parkNanos(HELD_UP_NANOS);
        long caughtUpFrom = CLOCK.nanoTime();
        for (int n = 0; n < 40; n++) { // 107 ms of slots; the first dozen are overdue
            assertTrue(loop.playOne());
        }
        long took = CLOCK.nanoTime() - caughtUpFrom;

        JitterSnapshot heard = new JitterSnapshot();
        buffer.snapshot(heard);
        assertTrue(heard.concealed > 0, "the missing audio was concealed");
        // 40 slots take about 77 ms once the 30 ms overdue are caught up; the grace adds at most
        // 25 ms, and a busy machine its wake-ups: nowhere near twice that.
        assertTrue(took < TimeUnit.MILLISECONDS.toNanos(250), "catching up took " + took / 1e6 + " ms");
        sender.interrupt();
    }

    /**
     * Four blocks (10.7 ms) absorb a busy machine's wake-ups of the sender; the hold-up is
     * three times that, and the overdue slots are played back to back.
     */
    private static JitterBuffer fixedTargetOfFourBlocks() {
        return new JitterBuffer(FORMAT, TargetPolicy.fixed(4 * BLOCK), 1 << 14, 16 * BLOCK, 2,
                new RepeatFadeConcealer(FORMAT), 1 << 13, 0);
    }

    /**
     * Sends block {@code n} when it is complete, {@code (n + 1)} blocks after {@code start}.
     * Held up with the playout thread before block {@value #HELD_UP_AT}, it catches up
     * {@value #SENDER_BEHIND_NANOS} ns after the playout thread has {@code resumed}.
     */
    private static Thread sender(JitterBuffer buffer, short[] signal, long start, int blocks,
            CountDownLatch resumed) {
        Thread t = new Thread(() -> {
            short[] packet = new short[BLOCK];
            long blockNanos = FORMAT.framesToNanos(BLOCK);
            for (int n = 0; n < blocks && !Thread.currentThread().isInterrupted(); n++) {
                long due = start + (n + 1) * blockNanos;
                if (n == HELD_UP_AT - 1) {
                    try {
                        resumed.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    due = CLOCK.nanoTime() + SENDER_BEHIND_NANOS;
                }
                long wait = due - CLOCK.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                System.arraycopy(signal, n * BLOCK, packet, 0, BLOCK);
                buffer.offer(0x1234, n, (long) n * BLOCK, packet, BLOCK, CLOCK.nanoTime());
            }
        }, "test-sender");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Frame {@code i} holds {@code i % 30000 + 1}: never zero, and it tells where it is. */
    private static short[] ramp(int frames) {
        short[] s = new short[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (short) (i % 30_000 + 1);
        }
        return s;
    }

    private static int firstNonZero(short[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
