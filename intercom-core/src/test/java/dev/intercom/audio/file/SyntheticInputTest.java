package dev.intercom.audio.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ToneInput} and {@link SilenceInput}, and through them the pacing all inputs share. */
@Timeout(10)
class SyntheticInputTest {

    private static final StreamFormat MONO = new StreamFormat(48_000, 1, 480);
    private static final long BLOCK_NANOS = 10_000_000L;

    /** Reads {@code blocks} blocks back to back into one array. */
    static short[] readBlocks(AudioInput in, int blocks) {
        int n = in.format().samplesPerBlock();
        short[] all = new short[blocks * n];
        short[] block = new short[n];
        for (int b = 0; b < blocks; b++) {
            assertTrue(in.read(block), "block " + b);
            System.arraycopy(block, 0, all, b * n, n);
        }
        return all;
    }

    static int upwardZeroCrossings(short[] s, int from, int to) {
        int count = 0;
        for (int i = from + 1; i < to; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                count++;
            }
        }
        return count;
    }

    @Test
    void toneHasItsFrequencyAndAQuarterOfFullScale() {
        try (ToneInput tone = new ToneInput(MONO, 440, new FakeClock(BLOCK_NANOS))) {
            tone.start();
            short[] second = readBlocks(tone, 100);
            assertEquals(440, upwardZeroCrossings(second, 0, second.length), 1);
            int max = 0;
            int min = 0;
            for (short s : second) {
                max = Math.max(max, s);
                min = Math.min(min, s);
            }
            assertTrue(max >= 8180 && max <= 8192, "peak " + max);
            assertTrue(min <= -8180 && min >= -8192, "trough " + min);
        }
    }

    @Test
    void toneIsPhaseContinuousAcrossBlocks() {
        try (ToneInput tone = new ToneInput(MONO, 1000, new FakeClock(BLOCK_NANOS))) {
            tone.start();
            short[] s = readBlocks(tone, 50);
            // Every sample, block borders included, sits on one ideal sine started at phase 0.
            for (int i = 0; i < s.length; i++) {
                double ideal = ToneInput.AMPLITUDE * Math.sin(2 * Math.PI * 1000.0 * i / 48_000);
                assertEquals(ideal, s[i], 1.0, "sample " + i);
            }
        }
    }

    @Test
    void toneIsTheSameOnEveryChannel() {
        StreamFormat stereo = new StreamFormat(44_100, 2, 441);
        try (ToneInput tone = new ToneInput(stereo, 440, new FakeClock(BLOCK_NANOS))) {
            tone.start();
            short[] s = readBlocks(tone, 3);
            boolean nonZero = false;
            for (int i = 0; i < s.length; i += 2) {
                assertEquals(s[i], s[i + 1], "frame " + i / 2);
                nonZero |= s[i] != 0;
            }
            assertTrue(nonZero);
        }
    }

    @Test
    void toneDescribesItselfAndRefusesFrequenciesItCannotCarry() {
        assertEquals("tone 440 Hz", new ToneInput(MONO, 440, new FakeClock()).describe());
        assertEquals("tone 440.5 Hz", new ToneInput(MONO, 440.5, new FakeClock()).describe());
        assertThrows(IllegalArgumentException.class, () -> new ToneInput(MONO, 24_000, new FakeClock()));
        assertThrows(IllegalArgumentException.class, () -> new ToneInput(MONO, 0, new FakeClock()));
        assertThrows(IllegalArgumentException.class, () -> new ToneInput(MONO, Double.NaN, new FakeClock()));
    }

    @Test
    void silenceIsAllZeros() {
        try (SilenceInput silence = new SilenceInput(MONO, new FakeClock(BLOCK_NANOS))) {
            assertEquals("silence", silence.describe());
            silence.start();
            short[] block = new short[MONO.samplesPerBlock()];
            Arrays.fill(block, (short) 7);
            assertTrue(silence.read(block));
            assertArrayEquals(new short[MONO.samplesPerBlock()], block);
        }
    }

    @Test
    void bufferedFramesIsHowLateTheReaderWoke() {
        // The clock moves two blocks per reading: each read finds itself one more block behind.
        try (ToneInput tone = new ToneInput(MONO, 440, new FakeClock(2 * BLOCK_NANOS))) {
            tone.start();
            short[] block = new short[MONO.samplesPerBlock()];
            assertTrue(tone.read(block));
            assertEquals(480, tone.bufferedFrames());
            assertTrue(tone.read(block));
            assertEquals(960, tone.bufferedFrames());
        }
    }

    @Test
    void readWaitsForTheWholeBlockToBeCaptured() {
        FakeClock clock = new FakeClock();
        try (SilenceInput in = new SilenceInput(MONO, clock)) {
            in.start();
            CompletableFuture<Boolean> read =
                    CompletableFuture.supplyAsync(() -> in.read(new short[MONO.samplesPerBlock()]));
            clock.advance(BLOCK_NANOS - 1);
            assertThrows(java.util.concurrent.TimeoutException.class,
                    () -> read.get(100, TimeUnit.MILLISECONDS), "returned before the block ended");
            clock.advance(1);
            assertTrue(read.join());
            assertEquals(0, in.bufferedFrames());
        }
    }

    @Test
    void readBeforeStartIsAnError() {
        try (SilenceInput in = new SilenceInput(MONO, new FakeClock())) {
            assertThrows(IllegalStateException.class, () -> in.read(new short[480]));
        }
    }

    @Test
    void readReturnsFalseAfterCloseAndLeavesTheBlockAlone() {
        ToneInput tone = new ToneInput(MONO, 440, new FakeClock(BLOCK_NANOS));
        tone.start();
        tone.close();
        tone.close(); // idempotent
        short[] block = new short[MONO.samplesPerBlock()];
        Arrays.fill(block, (short) 7);
        assertFalse(tone.read(block));
        assertTrue(Arrays.stream(toInts(block)).allMatch(v -> v == 7));
    }

    @Test
    void closeWakesABlockedReader() throws Exception {
        StreamFormat oneSecondBlocks = new StreamFormat(8_000, 1, 8_000);
        ToneInput tone = new ToneInput(oneSecondBlocks, 440, NanoClock.SYSTEM);
        tone.start();
        short[] block = new short[oneSecondBlocks.samplesPerBlock()];
        Arrays.fill(block, (short) 7);
        CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(() -> tone.read(block));
        Thread.sleep(50);
        tone.close();
        assertFalse(read.get(5, TimeUnit.SECONDS));
        assertEquals(7, block[0]);
    }

    @Test
    void readsArePacedInRealTime() {
        long before = System.nanoTime();
        try (ToneInput tone = new ToneInput(MONO, 440, NanoClock.SYSTEM)) {
            tone.start();
            readBlocks(tone, 10);
        }
        long elapsed = System.nanoTime() - before;
        // Ten 10 ms blocks cannot all have been captured in less than 100 ms; 90 leaves slack.
        assertTrue(elapsed >= 90_000_000L, "10 blocks of 10 ms took only " + elapsed / 1e6 + " ms");
    }

    private static int[] toInts(short[] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i];
        }
        return out;
    }
}
