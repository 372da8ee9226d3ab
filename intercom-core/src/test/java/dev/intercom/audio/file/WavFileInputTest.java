package dev.intercom.audio.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.StreamFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class WavFileInputTest {

    private static final long BLOCK_NANOS = 10_000_000L;
    private static final StreamFormat MONO_48K = new StreamFormat(48_000, 1, 480);

    @TempDir
    Path dir;

    /** Writes a file Java Sound's own writer produces, in any encoding it can write. */
    private Path javaSoundWav(String name, AudioFormat format, int frames) throws IOException {
        Path path = dir.resolve(name);
        byte[] data = new byte[frames * format.getFrameSize()];
        AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(data), format, frames);
        AudioSystem.write(stream, AudioFileFormat.Type.WAVE, path.toFile());
        return path;
    }

    @Test
    void playsBackExactlyWhatWavFileOutputRecorded() throws IOException {
        StreamFormat stereo = new StreamFormat(48_000, 2, 480);
        Path path = dir.resolve("round-trip.wav");
        short[] written;
        try (WavFileOutput out = new WavFileOutput(path, stereo, new FakeClock(BLOCK_NANOS))) {
            out.start();
            written = WavFileOutputTest.writeRandomBlocks(out, 25, 7);
        }
        try (WavFileInput in = new WavFileInput(path, stereo, new FakeClock(BLOCK_NANOS))) {
            assertEquals("file round-trip.wav", in.describe());
            in.start();
            assertArrayEquals(written, SyntheticInputTest.readBlocks(in, 25));
            assertEquals(25 * 480, in.framesRead());
        }
    }

    @Test
    void continuesAsSilenceWhenTheFileEnds() throws IOException {
        short[] ramp = new short[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) (i + 1);
        }
        Path path = dir.resolve("short.wav");
        WavFiles.write(path, 48_000, 1, ramp);
        try (WavFileInput in = new WavFileInput(path, MONO_48K, new FakeClock(BLOCK_NANOS))) {
            in.start();
            short[] played = SyntheticInputTest.readBlocks(in, 3);
            // 1000 frames fill two blocks and 40 frames of the third; the rest is silence.
            assertArrayEquals(ramp, Arrays.copyOf(played, 1000));
            assertArrayEquals(new short[440], Arrays.copyOfRange(played, 1000, 1440));
            assertTrue(in.exhausted());
            assertEquals(1000, in.framesRead());

            short[] block = new short[480];
            for (int b = 0; b < 100; b++) {
                Arrays.fill(block, (short) 7);
                assertTrue(in.read(block), "still capturing after the end, block " + b);
                assertArrayEquals(new short[480], block);
            }
        }
    }

    @Test
    void convertsA44kStereoFileTo48kMono() throws IOException {
        // One second of a 1 kHz tone, identical on both channels.
        short[] stereo = new short[2 * 44_100];
        for (int i = 0; i < 44_100; i++) {
            short s = (short) Math.round(10_000 * Math.sin(2 * Math.PI * 1000.0 * i / 44_100));
            stereo[2 * i] = s;
            stereo[2 * i + 1] = s;
        }
        Path path = dir.resolve("cd.wav");
        WavFiles.write(path, 44_100, 2, stereo);
        try (WavFileInput in = new WavFileInput(path, MONO_48K, new FakeClock(BLOCK_NANOS))) {
            in.start();
            short[] played = SyntheticInputTest.readBlocks(in, 90);
            // Still a 1 kHz tone: 900 cycles in 0.9 s of 48 kHz samples.
            assertEquals(900, SyntheticInputTest.upwardZeroCrossings(played, 0, played.length), 2);
            int peak = 0;
            for (short s : played) {
                peak = Math.max(peak, Math.abs(s));
            }
            assertTrue(peak > 9_000 && peak < 11_000, "peak " + peak);
            SyntheticInputTest.readBlocks(in, 20);
            assertTrue(in.exhausted());
            assertEquals(48_000, in.framesRead(), 100);
        }
    }

    @Test
    void convertsAnEncodingAtTheSameRate() throws IOException {
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 48_000, 8, 1, 1, 48_000, false);
        Path path = javaSoundWav("ulaw48k.wav", ulaw, 4800);
        try (WavFileInput in = new WavFileInput(path, MONO_48K, new FakeClock(BLOCK_NANOS))) {
            in.start();
            SyntheticInputTest.readBlocks(in, 11);
            assertEquals(4800, in.framesRead());
        }
    }

    @Test
    void refusesAConversionJavaSoundCannotDoNamingBothFormats() throws IOException {
        // Java Sound decodes u-law only at the file's own rate, and cannot resample it in one step.
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8_000, 8, 1, 1, 8_000, false);
        Path path = javaSoundWav("phone.wav", ulaw, 800);
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> new WavFileInput(path, MONO_48K, new FakeClock()));
        String m = e.getMessage();
        assertTrue(m.contains(path.toString()), m);
        assertTrue(m.contains("8-bit u-law, 8000 Hz, 1 channel"), m);
        assertTrue(m.contains("16-bit PCM, 48000 Hz, 1 channel"), m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void missingFileFailsClearly() {
        Path path = dir.resolve("nowhere.wav");
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> new WavFileInput(path, MONO_48K, new FakeClock()));
        assertEquals("WAV file not found: " + path + "; check the path", e.getMessage());
    }

    @Test
    void fileThatIsNotAudioFailsClearly() throws IOException {
        Path path = dir.resolve("notes.wav");
        Files.writeString(path, "these are not samples\n".repeat(100));
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> new WavFileInput(path, MONO_48K, new FakeClock()));
        assertTrue(e.getMessage().contains("not a WAV file"), e.getMessage());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void readReturnsFalseAfterClose() throws IOException {
        Path path = dir.resolve("closing.wav");
        WavFiles.write(path, 48_000, 1, new short[4800]);
        WavFileInput in = new WavFileInput(path, MONO_48K, new FakeClock(BLOCK_NANOS));
        in.start();
        assertTrue(in.read(new short[480]));
        in.close();
        in.close();
        assertFalse(in.read(new short[480]));
    }

    /** A valid 16-bit mono file with one header field overwritten (little-endian, at its offset). */
    private Path patchedWav(String name, int offset, int bytes, int value) throws IOException {
        Path path = dir.resolve(name);
        WavFiles.write(path, 48_000, 1, new short[4800]);
        byte[] file = Files.readAllBytes(path);
        for (int i = 0; i < bytes; i++) {
            file[offset + i] = (byte) (value >>> (8 * i));
        }
        return Files.write(path, file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rate 0           | 24 | 4 | 0     | sample rate 0 Hz (allowed 1..768000)",
        "rate 4 GHz       | 24 | 4 | -1    | sample rate 4294967295 Hz",
        "no channels      | 22 | 2 | 0     | 0 channels (allowed 1..256)",
        "12-bit samples   | 34 | 2 | 12    | 12 bits per sample",
        "zero bits        | 34 | 2 | 0     | 0 bits per sample",
        "block align 0    | 32 | 2 | 0     | block align 0 bytes (1 channels of 16 bits need 2)",
    })
    void anImpossibleHeaderIsRefusedBeforeAnythingStarts(String name, int offset, int bytes, int value, String fault)
            throws IOException {
        Path path = patchedWav(name.replace(' ', '-') + ".wav", offset, bytes, value);
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> new WavFileInput(path, MONO_48K, new FakeClock()));
        assertTrue(e.getMessage().startsWith("Cannot play " + path + ": its WAV header says "), e.getMessage());
        assertTrue(e.getMessage().contains(fault), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotReportedAsMissing() {
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> new WavFileInput(dir, MONO_48K, new FakeClock()));
        assertEquals("Cannot play " + dir + ": it is a directory; give a WAV file", e.getMessage());
    }

    @Test
    void aDeviceIsNotReportedAsMissing() {
        Path devNull = Path.of("/dev/null");
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> new WavFileInput(devNull, MONO_48K, new FakeClock()));
        assertEquals("Cannot play /dev/null: it is a device, pipe or socket, not a regular file; give a WAV file",
                e.getMessage());
    }
}
