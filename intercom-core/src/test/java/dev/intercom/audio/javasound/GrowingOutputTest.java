package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.javasound.virtual.PluggedIn;
import dev.intercom.audio.javasound.virtual.VirtualSoundCard;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
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
    void aGrownLineGoesBackAtASilentMomentAndDropsNothingButSilence() {
        expected = new short[2000 * block.length];
        long quietNanos = 300_000_000L;
        int silentFrom;
        int silentTo;
        try (GrowingOutput output = grownLine(new LineGrowth(FIRST_BLOCKS, 12, quietNanos, 4 * quietNanos))) {
            int grown = output.lineBufferFrames();
            long underruns = output.deviceUnderruns();
            // Loud for longer than the quiet spell: no silent moment, so the line stays grown.
            playFor(output, quietNanos + 100_000_000L, () -> false);
            if (output.deviceUnderruns() == underruns) { // a loaded machine may have run it dry again
                assertEquals(0, output.wentBack(), "no silent moment, no change yet");
                assertEquals(grown, output.lineBufferFrames());
            }
            silentFrom = written;
            long deadline = System.nanoTime() + 8 * quietNanos;
            while (output.wentBack() == 0 && System.nanoTime() < deadline) {
                silence(output, 1);
            }
            silentTo = written;
            assertEquals(1, output.wentBack(), "went back");
            assertEquals(FIRST_BLOCKS * MONO_48K.blockFrames(), output.lineBufferFrames(), "to the first size");
            assertEquals(1, VirtualSoundCard.openLineCount(), "the grown line was closed");
            play(output, 20);
        }
        short[] played = VirtualSoundCard.playedSamples();
        assertArrayEquals(Arrays.copyOf(expected, silentFrom), Arrays.copyOf(played, silentFrom),
                "everything before the silence was played, in order");
        int tail = written - silentTo;
        assertArrayEquals(Arrays.copyOfRange(expected, silentTo, written),
                Arrays.copyOfRange(played, played.length - tail, played.length), "and everything after it");
        int silencePlayed = played.length - silentFrom - tail;
        assertTrue(silencePlayed >= 0 && silencePlayed <= silentTo - silentFrom, "dropped " + silencePlayed);
        for (int i = silentFrom; i < silentFrom + silencePlayed; i++) {
            assertEquals(0, played[i], "only silence in between, at " + i);
        }
    }

    @Test
    void withNoSilentMomentAGrownLineGoesBackAfterTwoQuietSpellsAndPlaysEverything() {
        expected = new short[2000 * block.length];
        long quietNanos = 200_000_000L;
        try (GrowingOutput output = grownLine(new LineGrowth(FIRST_BLOCKS, 12, quietNanos, 4 * quietNanos))) {
            playFor(output, 10 * quietNanos, () -> output.wentBack() > 0);
            assertEquals(1, output.wentBack(), "went back with no silent moment");
            assertEquals(FIRST_BLOCKS * MONO_48K.blockFrames(), output.lineBufferFrames());
            play(output, 20);
        }
        short[] played = VirtualSoundCard.playedSamples();
        assertEquals(written, played.length, "every frame written was played");
        assertArrayEquals(Arrays.copyOf(expected, written), played, "in order");
    }

    /** @return a started line that ran dry twice and grew */
    private GrowingOutput grownLine(LineGrowth growth) {
        GrowingOutput output = open(growth);
        play(output, 20);
        stall();
        play(output, 10);
        stall();
        play(output, 10);
        assertTrue(output.changes() >= 1, "the line grew");
        return output;
    }

    /** Writes loud blocks for {@code nanos}, or until {@code done}. */
    private void playFor(GrowingOutput output, long nanos, BooleanSupplier done) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until && !done.getAsBoolean()) {
            play(output, 1);
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
        return open(new LineGrowth(FIRST_BLOCKS, 12));
    }

    private static GrowingOutput open(LineGrowth growth) {
        GrowingOutput output = new GrowingOutput(blocks -> new JavaSoundOutput(MONO_48K, null, blocks), growth);
        output.start();
        return output;
    }

    /**
     * Writes {@code blocks} numbered blocks, each when the line has room; loud ones (a ramp far
     * above {@link GrowingOutput#SILENT_PEAK}).
     *
     * @return how many were written
     */
    private int play(GrowingOutput output, int blocks) {
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (short) (1000 + written / block.length * 7 + i);
            }
            write(output);
        }
        return blocks;
    }

    /** Writes {@code blocks} blocks of silence, each when the line has room. */
    private void silence(GrowingOutput output, int blocks) {
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(block, (short) 0);
            write(output);
        }
    }

    private void write(GrowingOutput output) {
        System.arraycopy(block, 0, expected, written, block.length);
        assertTrue(output.awaitRoom());
        output.write(block);
        written += block.length;
    }

    /** Stands still four times as long as the first line's buffer: the line runs dry. */
    private static void stall() {
        LockSupport.parkNanos(MONO_48K.framesToNanos(4L * FIRST_BLOCKS * MONO_48K.blockFrames()));
    }
}
