package dev.intercom.audio.javasound.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The virtual sound card seen through plain {@link AudioSystem} calls. */
@Timeout(20)
class VirtualSoundCardTest {

    private static final AudioFormat MONO_8K = new AudioFormat(8000f, 16, 1, true, false);

    @BeforeEach
    void enable() {
        VirtualSoundCard.enable();
    }

    @AfterEach
    void disable() {
        VirtualSoundCard.disable();
    }

    @Test
    void audioSystemFindsTheCardOnlyWhileEnabled() {
        assertTrue(Arrays.asList(AudioSystem.getMixerInfo()).contains(VirtualSoundCard.mixerInfo()));
        assertSame(VirtualSoundCard.mixer(), AudioSystem.getMixer(VirtualSoundCard.mixerInfo()));

        VirtualSoundCard.disable();

        assertFalse(Arrays.asList(AudioSystem.getMixerInfo()).contains(VirtualSoundCard.mixerInfo()));
        assertThrows(IllegalArgumentException.class,
                () -> AudioSystem.getMixer(VirtualSoundCard.mixerInfo()));
    }

    @Test
    void defaultLinesComeFromTheCardAndHonourTheBufferSize() throws Exception {
        AudioFormat stereo = new AudioFormat(44_100f, 16, 2, true, true);
        TargetDataLine capture = AudioSystem.getTargetDataLine(stereo);
        SourceDataLine playback = AudioSystem.getSourceDataLine(stereo);
        capture.open(stereo, 4000);
        playback.open(stereo, 1000);

        assertEquals(4000, capture.getBufferSize());
        assertEquals(1000, playback.getBufferSize());
        assertEquals(1000, playback.available(), "an empty playback buffer is all room");
        assertEquals(2, VirtualSoundCard.openLineCount());
        capture.close();
        playback.close();
        assertEquals(0, VirtualSoundCard.openLineCount());
    }

    @Test
    void refusesFormatsItDoesNotHave() {
        AudioFormat eightBit = new AudioFormat(8000f, 8, 1, true, false);
        AudioFormat nineChannels = new AudioFormat(8000f, 16, 9, true, false);
        assertThrows(IllegalArgumentException.class, () -> AudioSystem.getTargetDataLine(eightBit));
        assertThrows(IllegalArgumentException.class, () -> AudioSystem.getSourceDataLine(nineChannels));
    }

    @Test
    void playsOneLineAtATime() throws Exception {
        Mixer card = VirtualSoundCard.mixer();
        SourceDataLine first = AudioSystem.getSourceDataLine(MONO_8K, card.getMixerInfo());
        SourceDataLine second = AudioSystem.getSourceDataLine(MONO_8K, card.getMixerInfo());
        first.open(MONO_8K);
        assertThrows(LineUnavailableException.class, () -> second.open(MONO_8K));
        first.close();
        second.open(MONO_8K);
        assertTrue(second.isOpen());
    }

    @Test
    void capturesTheSignalFrameByFrameInBothByteOrders() throws Exception {
        VirtualSoundCard.setCaptureSignal(CaptureSignal.frameCounter());
        for (boolean bigEndian : new boolean[] {false, true}) {
            AudioFormat format = new AudioFormat(48_000f, 16, 2, true, bigEndian);
            TargetDataLine line = AudioSystem.getTargetDataLine(format);
            line.open(format, 48_000 * 4); // a second: nothing is dropped however slow we are
            line.start();
            byte[] bytes = new byte[480 * 4];
            long frame = 0;
            for (int block = 0; block < 5; block++) {
                assertEquals(bytes.length, line.read(bytes, 0, bytes.length));
                for (int i = 0; i < 480; i++, frame++) {
                    for (int c = 0; c < 2; c++) {
                        int at = i * 4 + c * 2;
                        short sample = bigEndian
                                ? (short) ((bytes[at] << 8) | (bytes[at + 1] & 0xff))
                                : (short) ((bytes[at + 1] << 8) | (bytes[at] & 0xff));
                        assertEquals((short) (frame * 8 + c), sample, "frame " + frame + " channel " + c);
                    }
                }
            }
            line.close();
        }
    }

    @Test
    void aFullCaptureBufferDropsAndCountsFrames() throws Exception {
        TargetDataLine line = AudioSystem.getTargetDataLine(MONO_8K);
        line.open(MONO_8K, 160); // 80 frames = 10 ms
        line.start();
        Thread.sleep(100);

        assertEquals(160, line.available(), "the buffer is full");
        assertTrue(VirtualSoundCard.captureOverflowFrames() >= 8000 / 10 - 80 - 10,
                "about 90 ms of frames were dropped: " + VirtualSoundCard.captureOverflowFrames());
        line.close();
    }

    @Test
    void playbackRecordsExactlyWhatWasWrittenAndCountsGapsOnly() throws Exception {
        SourceDataLine line = AudioSystem.getSourceDataLine(MONO_8K);
        line.open(MONO_8K, 1600); // 100 ms
        line.start();
        short[] first = ramp(0, 400);
        short[] second = ramp(400, 400);

        line.write(bytes(first), 0, 800);
        line.drain();
        assertEquals(400, VirtualSoundCard.playedFrames());
        assertEquals(0, VirtualSoundCard.playbackUnderruns(), "draining is not a gap");

        line.write(bytes(first), 0, 800); // runs dry without drain(): the next write is a gap
        Thread.sleep(80);
        line.write(bytes(second), 0, 800);
        line.drain();
        line.close();

        assertEquals(1, VirtualSoundCard.playbackUnderruns());
        short[] expected = new short[1200];
        System.arraycopy(first, 0, expected, 0, 400);
        System.arraycopy(first, 0, expected, 400, 400);
        System.arraycopy(second, 0, expected, 800, 400);
        assertArrayEquals(expected, VirtualSoundCard.playedSamples());
    }

    @Test
    void writeBlocksWhileTheBufferIsFullAndTheClockPacesIt() throws Exception {
        SourceDataLine line = AudioSystem.getSourceDataLine(MONO_8K);
        line.open(MONO_8K, 800); // 50 ms
        line.start();
        byte[] halfSecond = new byte[8000];
        long started = System.nanoTime();
        assertEquals(halfSecond.length, line.write(halfSecond, 0, halfSecond.length));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // 4000 frames through a 400-frame buffer: at least 3600 frames (450 ms) had to play.
        assertTrue(tookMillis >= 400, "write returned after " + tookMillis + " ms");
        assertTrue(line.getLongFramePosition() >= 3600);
        line.close();
    }

    @Test
    void skewMakesTheClockRunFast() throws Exception {
        VirtualSoundCard.setSkewPpm(100_000); // 10 % fast: far beyond any measurement error
        TargetDataLine line = AudioSystem.getTargetDataLine(MONO_8K);
        line.open(MONO_8K, 16_000);
        line.start();
        long before = System.nanoTime();
        long first = line.getLongFramePosition();
        long after = System.nanoTime();
        Thread.sleep(300);
        long before2 = System.nanoTime();
        long second = line.getLongFramePosition();
        long after2 = System.nanoTime();
        line.close();

        // Each position was read between the two timestamps around its call, so these bounds
        // hold however the threads were scheduled; at the nominal rate the lower one fails.
        double framesPerNano = 8000 * 1.1 / 1e9;
        assertTrue(second - first >= (long) ((before2 - after) * framesPerNano) - 1);
        assertTrue(second - first <= (long) ((after2 - before) * framesPerNano) + 1);
    }

    @Test
    void closeUnblocksAReadAndAWrite() throws Exception {
        TargetDataLine capture = AudioSystem.getTargetDataLine(MONO_8K);
        SourceDataLine playback = AudioSystem.getSourceDataLine(MONO_8K);
        capture.open(MONO_8K, 160_000);
        playback.open(MONO_8K, 160);
        capture.start();
        playback.start();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(
                () -> capture.read(new byte[160_000], 0, 160_000)); // ten seconds
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(
                () -> playback.write(new byte[160_000], 0, 160_000));
        Thread.sleep(100);
        capture.close();
        playback.close();

        assertTrue(read.get(5, TimeUnit.SECONDS) < 160_000);
        assertTrue(write.get(5, TimeUnit.SECONDS) < 160_000);
    }

    private static short[] ramp(int from, int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) ((from + i) * 37);
        }
        return samples;
    }

    private static byte[] bytes(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }
}
