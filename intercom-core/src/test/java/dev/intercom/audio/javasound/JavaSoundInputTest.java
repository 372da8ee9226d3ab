package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.javasound.virtual.CaptureSignal;
import dev.intercom.audio.javasound.virtual.PluggedIn;
import dev.intercom.audio.javasound.virtual.VirtualSoundCard;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Capture through the virtual sound card, found by Java Sound like any other. */
@Timeout(20)
@ExtendWith(PluggedIn.class)
class JavaSoundInputTest {

    private static final StreamFormat MONO_48K = new StreamFormat(48_000, 1, 480);

    @Test
    void capturesASineWithItsFrequencyAndAmplitude() {
        VirtualSoundCard.setCaptureSine(1000, 0.5);
        short[] captured = new short[MONO_48K.sampleRate() / 2];
        short[] block = new short[MONO_48K.samplesPerBlock()];
        // A one-second line buffer: however late this thread runs, no frame is dropped.
        try (JavaSoundInput input = new JavaSoundInput(MONO_48K, null, 100)) {
            input.start();
            for (int at = 0; at < captured.length; at += block.length) {
                assertTrue(input.read(block));
                System.arraycopy(block, 0, captured, at, block.length);
            }
        }

        short[] expected = new short[captured.length];
        CaptureSignal sine = CaptureSignal.sine(1000, 0.5);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = sine.sample(48_000f, i, 0);
        }
        assertArrayEquals(expected, captured, "every frame from the first after start, in order");
        assertEquals(0, VirtualSoundCard.captureOverflowFrames());
        int rising = 0;
        int peak = 0;
        for (int i = 1; i < captured.length; i++) {
            if (captured[i - 1] < 0 && captured[i] >= 0) {
                rising++;
            }
            peak = Math.max(peak, Math.abs(captured[i]));
        }
        assertEquals(500, rising, 1, "1 kHz for 0.5 s: rising zero crossings");
        assertEquals(Math.round(0.5 * Short.MAX_VALUE), peak, 2.0);
    }

    @Test
    void capturesInRealTime() {
        short[] block = new short[MONO_48K.samplesPerBlock()];
        try (JavaSoundInput input = new JavaSoundInput(MONO_48K, null)) {
            long started = System.nanoTime();
            input.start();
            for (int i = 0; i < 50; i++) { // 0.5 s of frames
                assertTrue(input.read(block));
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis >= 400, "0.5 s of capture returned after " + tookMillis + " ms");
        }
    }

    @Test
    void asksForAnExplicitBufferOfBlocksNotJavaSoundsHalfSecond() {
        try (JavaSoundInput defaults = new JavaSoundInput(MONO_48K, null)) {
            assertEquals(JavaSoundInput.DEFAULT_BUFFER_BLOCKS * 480, defaults.lineBufferFrames());
        }
        try (JavaSoundInput six = new JavaSoundInput(MONO_48K, VirtualSoundCard.mixerInfo(), 6)) {
            assertEquals(6 * 480, six.lineBufferFrames());
        }
    }

    @Test
    void theFirstBlockIsFreshThoughASoundServerQueuedFarMoreThanTheLineShows() throws Exception {
        VirtualSoundCard.setCaptureQueuedLikeASoundServer(true);
        VirtualSoundCard.setCaptureSignal(CaptureSignal.frameCounter());
        short[] block = new short[MONO_48K.samplesPerBlock()];
        // A 30 ms line that records from open, read first 300 ms later (a session starting up).
        try (JavaSoundInput input = new JavaSoundInput(MONO_48K, null)) {
            Thread.sleep(300);
            input.start();
            assertTrue(input.read(block));
            long discarded = input.discardedFrames();
            assertTrue(discarded >= 48 * 250, "the whole queue went, not one line's worth: " + discarded);
            assertTrue(input.bufferedFrames() < MONO_48K.blockFrames(),
                    "no backlog left behind the first block: " + input.bufferedFrames());
            // The first block starts where the discard stopped: nothing lost between them.
            assertEquals((short) (discarded * 8), block[0]);
        }
    }

    @Test
    void aReaderThatStalledDropsWhatQueuedMeanwhileAndReadsOnFresh() throws Exception {
        VirtualSoundCard.setCaptureQueuedLikeASoundServer(true);
        VirtualSoundCard.setCaptureSignal(CaptureSignal.frameCounter());
        short[] block = new short[MONO_48K.samplesPerBlock()];
        try (JavaSoundInput input = new JavaSoundInput(MONO_48K, null)) {
            input.start();
            for (int i = 0; i < 20; i++) {
                assertTrue(input.read(block));
            }
            long earlier = input.staleFrames(); // 0, unless a busy machine stalled this thread already
            long before = input.discardedFrames() + 20L * 480 + earlier;
            Thread.sleep(150); // the process stalls; the server queues on

            assertTrue(input.read(block));
            long stale = input.staleFrames();
            long dropped = stale - earlier;
            assertTrue(dropped >= 48 * 100 && dropped % 480 == 0, "the stall's audio went, in whole blocks: " + dropped);
            assertEquals((short) ((before + dropped) * 8), block[0], "the block returned follows what was dropped");
            long next = before + dropped + 480;
            for (int i = 0; i < 10; i++, next += 480) {
                assertTrue(input.read(block));
                // A busy machine may stall this thread again: what it drops is counted, nothing else goes.
                next += input.staleFrames() - stale;
                stale = input.staleFrames();
                assertEquals((short) (next * 8), block[0], "block " + i + " after the drop");
            }
            assertEquals(0, input.overrunFrames(), "dropping is not an overrun");
        }
    }

    @Test
    void aMeasurementsReaderKeepsEveryFrameThoughItStalled() throws Exception {
        VirtualSoundCard.setCaptureQueuedLikeASoundServer(true);
        VirtualSoundCard.setCaptureSignal(CaptureSignal.frameCounter());
        short[] block = new short[MONO_48K.samplesPerBlock()];
        try (JavaSoundInput input = new JavaSoundInput(MONO_48K, null, JavaSoundInput.DEFAULT_BUFFER_BLOCKS, false)) {
            input.start();
            assertTrue(input.read(block));
            long next = input.discardedFrames() + 480;
            Thread.sleep(150);
            for (int i = 0; i < 20; i++, next += 480) {
                assertTrue(input.read(block));
                assertEquals((short) (next * 8), block[0], "block " + i + " follows the one before");
            }
            assertEquals(0, input.staleFrames());
        }
    }

    @Test
    void framesLostWhenTheLineOverflowsAreCountedAsAnOverrun() throws Exception {
        short[] block = new short[MONO_48K.samplesPerBlock()];
        // A 30 ms line and a reader that looks away for 150 ms: about 120 ms overflow.
        try (JavaSoundInput input = new JavaSoundInput(MONO_48K, null)) {
            input.start();
            for (int i = 0; i < 5; i++) {
                assertTrue(input.read(block));
            }
            assertEquals(0, input.overrunFrames(), "a reader that keeps up loses nothing");
            Thread.sleep(150);
            for (int i = 0; i < 5; i++) {
                assertTrue(input.read(block));
            }
            long lost = VirtualSoundCard.captureOverflowFrames();
            assertTrue(lost >= 48 * 100, "the card overflowed: " + lost);
            assertEquals(lost, input.overrunFrames(), "what the card dropped, from its frame position");
        }
    }

    @Test
    void bufferedFramesStayWithinTheLineBuffer() {
        short[] block = new short[MONO_48K.samplesPerBlock()];
        try (JavaSoundInput input = new JavaSoundInput(MONO_48K, null)) {
            input.start();
            for (int i = 0; i < 10; i++) {
                assertTrue(input.read(block));
                assertTrue(input.bufferedFrames() >= 0
                        && input.bufferedFrames() <= input.lineBufferFrames(),
                        "buffered " + input.bufferedFrames());
            }
        }
    }

    @Test
    void capturesFromTheDeviceTheCatalogueFound() {
        VirtualSoundCard.setCaptureSignal(CaptureSignal.frameCounter());
        StreamFormat stereo = new StreamFormat(16_000, 2, 160);
        short[] block = new short[stereo.samplesPerBlock()];
        try (JavaSoundInput input = new JavaSoundInput(stereo,
                new DeviceCatalogue().findInput("virtual"))) {
            assertEquals("device 'Intercom Virtual Sound Card' (line buffer 30.00 ms)", input.describe());
            input.start();
            assertTrue(input.read(block));
        }
        for (int frame = 0; frame < 160; frame++) {
            assertEquals((short) (frame * 8), block[2 * frame]);
            assertEquals((short) (frame * 8 + 1), block[2 * frame + 1]);
        }
    }

    @Test
    void closeReturnsABlockedReadAndReleasesTheLine() throws Exception {
        StreamFormat tenSecondBlocks = new StreamFormat(8000, 1, 80_000);
        JavaSoundInput input = new JavaSoundInput(tenSecondBlocks, null);
        input.start();
        short[] block = new short[tenSecondBlocks.samplesPerBlock()];
        CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(() -> input.read(block));
        Thread.sleep(200);
        assertFalse(read.isDone(), "a ten-second block is still being captured");

        input.close();

        assertFalse(read.get(5, TimeUnit.SECONDS), "the blocked read reports the close");
        assertFalse(input.read(block));
        assertEquals(0, VirtualSoundCard.openLineCount());
        input.close(); // idempotent
    }

    @Test
    void closeReturnsAReadOnAnInputNeverStarted() throws Exception {
        JavaSoundInput input = new JavaSoundInput(MONO_48K, null);
        CompletableFuture<Boolean> read = CompletableFuture.supplyAsync(
                () -> input.read(new short[MONO_48K.samplesPerBlock()]));
        Thread.sleep(100);
        input.close();
        assertFalse(read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFormatTheDeviceLacksIsRefusedWithWhatToDo() {
        StreamFormat nineChannels = new StreamFormat(48_000, 9, 480);
        AudioDeviceException refused = assertThrows(AudioDeviceException.class,
                () -> new JavaSoundInput(nineChannels, VirtualSoundCard.mixerInfo()));
        assertEquals("the input device 'Intercom Virtual Sound Card' cannot capture 16-bit 48000"
                + " Hz 9-channel audio; try another --rate or --channels, another --input device"
                + " (run `intercom devices`), or use --input tone or --input file:PATH",
                refused.getMessage());
    }

    @Test
    void withoutASoundCardSaysWhatToUseInstead() {
        VirtualSoundCard.disable();
        assumeTrue(new DeviceCatalogue().devices().isEmpty(), "this machine has a real sound card");
        AudioDeviceException refused = assertThrows(AudioDeviceException.class,
                () -> new JavaSoundInput(MONO_48K, null));
        // A sound server that is installed but down is named before the alternatives.
        assertTrue(refused.getMessage().startsWith("no audio input device found on this machine; ")
                && refused.getMessage().endsWith("use --input tone or --input file:PATH"), refused.getMessage());
    }
}
