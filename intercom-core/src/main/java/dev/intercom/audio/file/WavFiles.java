package dev.intercom.audio.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file WAV reading and writing for tests and tools (the session itself streams through
 * {@link WavFileInput} and {@link WavFileOutput}). Reads only what the header says; no Java Sound.
 */
public final class WavFiles {

    private WavFiles() {
    }

    /**
     * Reads every sample of a 16-bit PCM WAV file.
     *
     * @return the samples, channels interleaved, whole frames only
     * @throws IOException if the file cannot be read or is not a 16-bit PCM WAV file; the message
     *     says which
     */
    public static short[] readSamples(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            WavHeader.Layout layout = WavHeader.read(ch, path);
            if (layout.formatTag() != WavHeader.FORMAT_PCM || layout.bitsPerSample() != 16) {
                throw new IOException(path + " holds " + layout.describe()
                        + ", not 16-bit PCM; convert it first");
            }
            long samples = layout.frames() * layout.channels();
            if (samples > (Integer.MAX_VALUE - 8) / 2) {
                throw new IOException(path + " is too large to read into memory at once");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) samples * 2).order(ByteOrder.LITTLE_ENDIAN);
            long position = layout.dataOffset();
            while (bytes.hasRemaining()) {
                int n = ch.read(bytes, position);
                if (n < 0) {
                    throw new IOException(path + " ended while reading its samples");
                }
                position += n;
            }
            bytes.flip();
            short[] out = new short[(int) samples];
            bytes.asShortBuffer().get(out);
            return out;
        }
    }

    /**
     * Reads a WAV file's header: rate, channels and how many whole frames it holds. Works for any
     * WAV encoding, not only 16-bit PCM.
     *
     * @throws IOException if the file cannot be read or is not a WAV file
     */
    public static WavInfo info(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            WavHeader.Layout layout = WavHeader.read(ch, path);
            return new WavInfo(layout.sampleRate(), layout.channels(), layout.frames());
        }
    }

    /**
     * Writes a whole 16-bit PCM WAV file, replacing any file at {@code path}.
     *
     * @param interleaved samples, channels interleaved; a whole number of frames
     * @throws IOException if the file cannot be written
     */
    public static void write(Path path, int sampleRate, int channels, short[] interleaved)
            throws IOException {
        if (sampleRate <= 0 || channels <= 0 || interleaved.length % channels != 0) {
            throw new IllegalArgumentException("need a positive rate and channel count and whole frames: "
                    + sampleRate + " Hz, " + channels + " channels, " + interleaved.length + " samples");
        }
        long dataBytes = interleaved.length * 2L;
        if (dataBytes > Integer.MAX_VALUE - WavHeader.SIZE) {
            throw new IllegalArgumentException("too many samples to write at once: " + interleaved.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(WavHeader.SIZE + (int) dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        WavHeader.put(buf, sampleRate, channels, dataBytes);
        buf.asShortBuffer().put(interleaved);
        buf.position(0);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
