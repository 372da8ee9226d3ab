package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.javasound.virtual.PluggedIn;
import dev.intercom.audio.javasound.virtual.VirtualSoundCard;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The auto playback line through the virtual sound card, whose speaker pauses when it runs dry. */
@Timeout(20)
@ExtendWith(PluggedIn.class)
class GrowingOutputTest {

    private static final StreamFormat MONO_48K = new StreamFormat(48_000, 1, 240);
    private static final int FIRST_BLOCKS = 3;

    private final short[] block = new short[MONO_48K.samplesPerBlock()];
    private int written;
    private short[] expected = new short[0];

    @Test
    void aLineThatKeepsRunningDryIsChangedForALargerOneAndNothingWrittenIsLost() {
        expected = new short[200 * block.length];
        try (GrowingOutput output = open()) {
            play(output, 20); // two buffers played: from here a dry line counts
            stall();
            play(output, 10);
            stall(); // the second within 10 s
            play(output, 30);

            assertTrue(output.deviceUnderruns() >= 2, "underruns " + output.deviceUnderruns());
            assertTrue(output.changes() >= 1, "the line was changed");
            assertTrue(output.lineBufferFrames() >= (FIRST_BLOCKS + 2) * MONO_48K.blockFrames(),
                    "by half again at least: " + output.lineBufferFrames());
            assertTrue(output.describe().contains("line buffer"), output.describe());
            assertEquals(1, VirtualSoundCard.openLineCount(), "the old line was closed");
        }
        assertEquals(0, VirtualSoundCard.openLineCount());
        short[] played = VirtualSoundCard.playedSamples();
        assertEquals(written, played.length, "every frame written was played");
        assertArrayEquals(Arrays.copyOf(expected, written), played, "in order");
    }

    @Test
    void aLineThatRunsDryOnceKeepsItsBuffer() {
        expected = new short[100 * block.length];
        try (GrowingOutput output = open()) {
            play(output, 20);
            stall();
            play(output, 20);
            assertTrue(output.deviceUnderruns() >= 1);
            if (output.deviceUnderruns() == 1) { // a loaded machine may have added one of its own
                assertEquals(0, output.changes());
                assertEquals(FIRST_BLOCKS * MONO_48K.blockFrames(), output.lineBufferFrames());
            }
        }
    }

    @Test
    void closingFromAnotherThreadEndsTheWaitForRoom() throws Exception {
        GrowingOutput output = open();
        output.close();
        assertFalse(output.awaitRoom());
        assertEquals(0, VirtualSoundCard.openLineCount());
    }

    /** @return a started auto line of {@value #FIRST_BLOCKS} blocks that may grow to 12 */
    private static GrowingOutput open() {
        GrowingOutput output = new GrowingOutput(blocks -> new JavaSoundOutput(MONO_48K, null, blocks), FIRST_BLOCKS, 12);
        output.start();
        return output;
    }

    /** Writes {@code blocks} numbered blocks, each when the line has room. */
    private void play(GrowingOutput output, int blocks) {
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (short) (written / block.length * 7 + i);
            }
            System.arraycopy(block, 0, expected, written, block.length);
            assertTrue(output.awaitRoom());
            output.write(block);
            written += block.length;
        }
    }

    /** Stands still four times as long as the first line's buffer: the line runs dry. */
    private static void stall() {
        LockSupport.parkNanos(MONO_48K.framesToNanos(4L * FIRST_BLOCKS * MONO_48K.blockFrames()));
    }
}
