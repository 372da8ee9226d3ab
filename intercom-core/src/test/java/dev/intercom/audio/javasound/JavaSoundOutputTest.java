package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.javasound.virtual.PluggedIn;
import dev.intercom.audio.javasound.virtual.VirtualSoundCard;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Playback through the virtual sound card, found by Java Sound like any other. */
@Timeout(20)
@ExtendWith(PluggedIn.class)
class JavaSoundOutputTest {

    private static final StreamFormat STEREO_48K = new StreamFormat(48_000, 2, 240);

    @Test
    void playsEveryBlockExactlyInOrderAndDrainsOnClose() {
        int blocks = 40;
        int samples = STEREO_48K.samplesPerBlock();
        short[] expected = new short[blocks * samples];
        short[] block = new short[samples];
        long mostBuffered = 0;
        try (JavaSoundOutput output = new JavaSoundOutput(STEREO_48K, null)) {
            output.start();
            for (int b = 0; b < blocks; b++) {
                for (int i = 0; i < samples; i++) {
                    block[i] = (short) (b * 1000 + i * (i % 2 == 0 ? 1 : -1));
                }
                System.arraycopy(block, 0, expected, b * samples, samples);
                assertTrue(output.awaitRoom());
                output.write(block);
                long buffered = output.bufferedFrames();
                assertTrue(buffered <= output.lineBufferFrames(), "buffered " + buffered);
                mostBuffered = Math.max(mostBuffered, buffered);
            }
        }

        assertTrue(mostBuffered > 0, "written frames wait in the line before they play");
        assertEquals(blocks * 240L, VirtualSoundCard.playedFrames());
        assertArrayEquals(expected, VirtualSoundCard.playedSamples());
        assertEquals(0, VirtualSoundCard.openLineCount());
    }

    @Test
    void aLineLeftUnfedIsCountedDryEvenWhenItsPositionLags() {
        // As PipeWire's pulse layer: the position a block behind, so a dry line never looks empty.
        VirtualSoundCard.setPlaybackPositionLagFrames(STEREO_48K.blockFrames());
        short[] block = new short[STEREO_48K.samplesPerBlock()];
        try (JavaSoundOutput output = new JavaSoundOutput(STEREO_48K, null)) {
            output.start();
            writeBlocks(output, block, 20); // two buffers played: from here a dry line counts
            LockSupport.parkNanos(STEREO_48K.framesToNanos(4L * output.lineBufferFrames())); // the process stood still
            writeBlocks(output, block, 10);
            long counted = output.deviceUnderruns();
            assertTrue(counted >= 1, "the stall ran the line dry");
            assertTrue(counted <= VirtualSoundCard.playbackUnderruns(),
                    "no more than the card heard: " + counted + " of " + VirtualSoundCard.playbackUnderruns());
        }
    }

    private static void writeBlocks(JavaSoundOutput output, short[] block, int blocks) {
        for (int b = 0; b < blocks; b++) {
            assertTrue(output.awaitRoom());
            output.write(block);
        }
    }

    @Test
    void thePlayoutClockRunsInRealTime() {
        short[] block = new short[STEREO_48K.samplesPerBlock()];
        try (JavaSoundOutput output = new JavaSoundOutput(STEREO_48K, null)) {
            output.start();
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) { // 0.5 s of frames through a 15 ms buffer
                assertTrue(output.awaitRoom());
                output.write(block);
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis >= 400, "0.5 s of playback was taken in " + tookMillis + " ms");
        }
    }

    @Test
    void asksForAnExplicitBufferOfBlocksNotJavaSoundsHalfSecond() {
        try (JavaSoundOutput defaults = new JavaSoundOutput(STEREO_48K, null)) {
            assertEquals(JavaSoundOutput.DEFAULT_BUFFER_BLOCKS * 240, defaults.lineBufferFrames());
            assertEquals(0, defaults.bufferedFrames());
        }
        try (JavaSoundOutput two = new JavaSoundOutput(STEREO_48K,
                new DeviceCatalogue().findOutput("virtual"), 2)) {
            assertEquals(2 * 240, two.lineBufferFrames());
            assertEquals("device 'Intercom Virtual Sound Card' (line buffer 10.00 ms)", two.describe());
        }
    }

    @Test
    void closeReturnsAWaitForRoom() throws Exception {
        JavaSoundOutput output = new JavaSoundOutput(STEREO_48K, null);
        short[] block = new short[STEREO_48K.samplesPerBlock()];
        // Never started, so nothing plays: after filling the buffer there is no room.
        for (int i = 0; i < JavaSoundOutput.DEFAULT_BUFFER_BLOCKS; i++) {
            assertTrue(output.awaitRoom());
            output.write(block);
        }
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(output::awaitRoom);
        Thread.sleep(100);
        assertFalse(room.isDone(), "a full, stopped line has no room");

        output.close();

        assertFalse(room.get(5, TimeUnit.SECONDS));
        assertFalse(output.awaitRoom());
        output.write(block); // ignored once closed
        assertEquals(0, output.bufferedFrames());
        output.close(); // idempotent
    }

    @Test
    void aBusyDeviceIsReportedWithWhatToDo() {
        try (JavaSoundOutput first = new JavaSoundOutput(STEREO_48K, null)) {
            assertEquals("default device (line buffer 15.00 ms)", first.describe());
            AudioDeviceException busy = assertThrows(AudioDeviceException.class,
                    () -> new JavaSoundOutput(STEREO_48K, VirtualSoundCard.mixerInfo()));
            assertTrue(busy.getMessage().startsWith("the output device 'Intercom Virtual Sound"
                    + " Card' is unavailable ("), busy.getMessage());
            assertTrue(busy.getMessage().endsWith("); close other programs using it, pick another"
                    + " with --output (run `intercom devices`), or use --output file:PATH or"
                    + " --output null"), busy.getMessage());
        }
    }

    @Test
    void withoutASoundCardSaysWhatToUseInstead() {
        VirtualSoundCard.disable();
        assumeTrue(new DeviceCatalogue().devices().isEmpty(), "this machine has a real sound card");
        AudioDeviceException refused = assertThrows(AudioDeviceException.class,
                () -> new JavaSoundOutput(STEREO_48K, null));
        // A sound server that is installed but down is named before the alternatives.
        assertTrue(refused.getMessage().startsWith("no audio output device found on this machine; ")
                && refused.getMessage().endsWith("use --output file:PATH or --output null"), refused.getMessage());
    }
}
