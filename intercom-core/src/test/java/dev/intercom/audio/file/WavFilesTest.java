package dev.intercom.audio.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class WavFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeThenReadIsBitExact() throws IOException {
        short[] samples = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 1234, -4321, 42};
        Path path = dir.resolve("a.wav");
        WavFiles.write(path, 16_000, 2, samples);
        assertArrayEquals(samples, WavFiles.readSamples(path));
        assertEquals(new WavInfo(16_000, 2, 4), WavFiles.info(path));
    }

    @Test
    void javaSoundReadsWhatWeWrite() throws Exception {
        Path path = dir.resolve("b.wav");
        WavFiles.write(path, 22_050, 1, new short[] {100, -100, 300});
        try (AudioInputStream in = AudioSystem.getAudioInputStream(path.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(22_050f, f.getSampleRate());
            assertEquals(16, f.getSampleSizeInBits());
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding());
            assertEquals(3, in.getFrameLength());
        }
    }

    @Test
    void skipsOtherChunksIncludingOddSizedOnes() throws IOException {
        // RIFF/WAVE, fmt, a 3-byte LIST chunk padded to 4, then data: the layout tools like sox write.
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 12 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0});
        b.put("data".getBytes()).putInt(4).putShort((short) -2).putShort((short) 513);
        Path path = dir.resolve("chunks.wav");
        Files.write(path, b.array());
        assertArrayEquals(new short[] {-2, 513}, WavFiles.readSamples(path));
        assertEquals(new WavInfo(8000, 1, 2), WavFiles.info(path));
    }

    @Test
    void aDataSizePastTheEndIsClampedToWhatIsThere() throws IOException {
        Path path = dir.resolve("cut.wav");
        WavFiles.write(path, 8000, 1, new short[] {5, 6, 7, 8});
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 1_000_000);
        Files.write(path, bytes);
        assertArrayEquals(new short[] {5, 6, 7, 8}, WavFiles.readSamples(path));
    }

    @Test
    void refusesOtherEncodingsNamingWhatItFound() throws IOException {
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        Path path = dir.resolve("ulaw.wav");
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(new byte[80]), ulaw, 80),
                AudioFileFormat.Type.WAVE, path.toFile());
        IOException e = assertThrows(IOException.class, () -> WavFiles.readSamples(path));
        assertTrue(e.getMessage().contains("8-bit u-law, 8000 Hz, 1 channel, not 16-bit PCM"),
                e.getMessage());
        assertEquals(new WavInfo(8000, 1, 80), WavFiles.info(path));
    }

    @Test
    void refusesFilesThatAreNotWav() throws IOException {
        Path path = dir.resolve("text.wav");
        Files.writeString(path, "hello, not audio");
        IOException e = assertThrows(IOException.class, () -> WavFiles.readSamples(path));
        assertEquals(path + " is not a WAV file (no RIFF/WAVE header)", e.getMessage());
    }
}
