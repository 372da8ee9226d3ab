package dev.intercom.audio.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.StreamFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class WavFileOutputTest {

    private static final long BLOCK_NANOS = 10_000_000L;

    @TempDir
    Path dir;

    /** Writes {@code blocks} blocks of seeded random samples (full range) and returns them all. */
    static short[] writeRandomBlocks(WavFileOutput out, int blocks, long seed) {
        int n = out.format().samplesPerBlock();
        Random random = new Random(seed);
        short[] all = new short[blocks * n];
        short[] block = new short[n];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < n; i++) {
                block[i] = (short) random.nextInt(1 << 16);
            }
            block[0] = Short.MIN_VALUE;
            block[n - 1] = Short.MAX_VALUE;
            assertTrue(out.awaitRoom());
            out.write(block);
            System.arraycopy(block, 0, all, b * n, n);
        }
        return all;
    }

    private static ByteBuffer header(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return ByteBuffer.wrap(bytes, 0, WavHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void recordsExactlyTheBlocksWrittenAsAStandardHeader() throws IOException {
        StreamFormat stereo = new StreamFormat(48_000, 2, 480);
        Path path = dir.resolve("heard.wav");
        short[] written;
        try (WavFileOutput out = new WavFileOutput(path, stereo, new FakeClock(BLOCK_NANOS))) {
            out.start();
            written = writeRandomBlocks(out, 37, 1);
            assertEquals("file heard.wav", out.describe());
        }
        assertArrayEquals(written, WavFiles.readSamples(path));
        assertEquals(new WavInfo(48_000, 2, 37 * 480), WavFiles.info(path));

        long dataBytes = 37L * 480 * 4;
        assertEquals(WavHeader.SIZE + dataBytes, Files.size(path));
        ByteBuffer h = header(path);
        assertEquals("RIFF", ascii(h, 0));
        assertEquals(Files.size(path) - 8, h.getInt(4));
        assertEquals("WAVE", ascii(h, 8));
        assertEquals("fmt ", ascii(h, 12));
        assertEquals(16, h.getInt(16));
        assertEquals(1, h.getShort(20)); // PCM
        assertEquals(2, h.getShort(22));
        assertEquals(48_000, h.getInt(24));
        assertEquals(192_000, h.getInt(28)); // byte rate
        assertEquals(4, h.getShort(32)); // block align
        assertEquals(16, h.getShort(34));
        assertEquals("data", ascii(h, 36));
        assertEquals(dataBytes, h.getInt(40));
    }

    @Test
    void headerSizesAreRefreshedAboutOncePerSecondWhileRunning() throws IOException {
        StreamFormat mono = new StreamFormat(48_000, 1, 480);
        Path path = dir.resolve("running.wav");
        WavFileOutput out = new WavFileOutput(path, mono, new FakeClock(BLOCK_NANOS));
        out.start();
        assertEquals(0, header(path).getInt(40), "an empty file is valid from the start");
        short[] written = writeRandomBlocks(out, 150, 2);

        // Not closed, as if the process had been killed: the header covers the first second.
        assertEquals(WavHeader.SIZE + 150L * 960, Files.size(path));
        assertEquals(96_000, header(path).getInt(40));
        assertEquals(96_036, header(path).getInt(4));
        assertArrayEquals(Arrays.copyOf(written, 48_000), WavFiles.readSamples(path));

        out.close();
        assertEquals(144_000, header(path).getInt(40));
        assertEquals(144_036, header(path).getInt(4));
        out.close(); // idempotent
        assertArrayEquals(written, WavFiles.readSamples(path));
    }

    @Test
    void closedOutputRefusesRoomAndIgnoresWrites() throws IOException {
        StreamFormat mono = new StreamFormat(8_000, 1, 80);
        Path path = dir.resolve("closed.wav");
        WavFileOutput out = new WavFileOutput(path, mono, new FakeClock(BLOCK_NANOS));
        out.start();
        writeRandomBlocks(out, 2, 3);
        out.close();
        assertFalse(out.awaitRoom());
        out.write(new short[80]);
        assertEquals(160, WavFiles.info(path).frames());
        assertEquals(160, out.framesWritten());
    }

    @Test
    void fileInAMissingFolderFailsClearly() {
        Path path = dir.resolve("no-such-folder").resolve("heard.wav");
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> new WavFileOutput(path, new StreamFormat(48_000, 1, 480), new FakeClock()));
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such folder"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aFolderInPlaceOfTheFileFailsClearly() {
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> new WavFileOutput(dir, new StreamFormat(48_000, 1, 480), new FakeClock()));
        assertTrue(e.getMessage().startsWith("Cannot write WAV file " + dir), e.getMessage());
    }

    private static String ascii(ByteBuffer b, int offset) {
        byte[] four = new byte[4];
        for (int i = 0; i < 4; i++) {
            four[i] = b.get(offset + i);
        }
        return new String(four, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
