package dev.intercom.audio.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link NullOutput}, and through it the playout pacing all outputs share. */
@Timeout(10)
class NullOutputTest {

    private static final StreamFormat MONO = new StreamFormat(48_000, 1, 480);
    private static final long BLOCK_NANOS = 10_000_000L;
    private final short[] block = new short[MONO.samplesPerBlock()];

    @Test
    void firstBlockHasRoomAtOnceAndLaterOnesWhenTheDeviceHasPlayedEnough() throws Exception {
        FakeClock clock = new FakeClock();
        try (NullOutput out = new NullOutput(MONO, clock)) {
            out.start();
            assertTrue(out.awaitRoom());
            out.write(block);
            assertEquals(480, out.bufferedFrames());
            clock.advance(BLOCK_NANOS / 2);
            assertEquals(240, out.bufferedFrames());

            CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(out::awaitRoom);
            assertThrows(TimeoutException.class, () -> room.get(100, TimeUnit.MILLISECONDS),
                    "had room for block 1 before block 0 was played");
            clock.advance(BLOCK_NANOS / 2);
            assertTrue(room.get(5, TimeUnit.SECONDS));
            assertEquals(0, out.bufferedFrames());
        }
    }

    @Test
    void bufferedFramesNeverGoesNegativeWhenTheWriterIsLate() {
        FakeClock clock = new FakeClock();
        try (NullOutput out = new NullOutput(MONO, clock)) {
            out.start();
            out.write(block);
            out.write(block);
            assertEquals(960, out.bufferedFrames());
            clock.advance(5 * BLOCK_NANOS);
            assertEquals(0, out.bufferedFrames());
            assertEquals(960, out.framesWritten());
        }
    }

    @Test
    void writesBeforeStartAreBuffered() {
        try (NullOutput out = new NullOutput(MONO, new FakeClock())) {
            out.write(block);
            assertEquals(480, out.bufferedFrames());
            assertThrows(IllegalStateException.class, out::awaitRoom);
        }
    }

    @Test
    void awaitRoomReturnsFalseAfterCloseAndWritesAreIgnored() {
        NullOutput out = new NullOutput(MONO, new FakeClock(BLOCK_NANOS));
        out.start();
        out.close();
        out.close(); // idempotent
        assertFalse(out.awaitRoom());
        out.write(block);
        assertEquals(0, out.framesWritten());
    }

    @Test
    void closeWakesAWriterWaitingForRoom() throws Exception {
        NullOutput out = new NullOutput(MONO, NanoClock.SYSTEM);
        out.start();
        for (int i = 0; i < 1000; i++) {
            out.write(block); // ten seconds ahead of the device
        }
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(out::awaitRoom);
        Thread.sleep(50);
        out.close();
        assertFalse(room.get(5, TimeUnit.SECONDS));
    }

    @Test
    void playoutIsPacedInRealTime() {
        long before = System.nanoTime();
        try (NullOutput out = new NullOutput(MONO, NanoClock.SYSTEM)) {
            out.start();
            for (int i = 0; i < 10; i++) {
                assertTrue(out.awaitRoom());
                out.write(block);
            }
        }
        long elapsed = System.nanoTime() - before;
        // Block 9 has room only once blocks 0..8 have played: 90 ms.
        assertTrue(elapsed >= 90_000_000L, "10 blocks taken in only " + elapsed / 1e6 + " ms");
    }

    @Test
    void describesItself() {
        assertEquals("null output", new NullOutput(MONO, new FakeClock()).describe());
    }
}
