package dev.intercom.audio.file;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output that plays in real time into a 16-bit PCM WAV file: exactly the blocks written, in
 * order, from the first one, so the file is what the listener would have heard.
 *
 * <p>The header's sizes are rewritten on {@link #close()} and also after about every second of
 * audio, so a session killed without closing still leaves a playable file missing at most the
 * last second. A WAV file holds at most 4 GiB of samples; blocks past that are dropped with one
 * warning.
 */
public final class WavFileOutput extends PacedOutput {

    private static final Logger LOG = LoggerFactory.getLogger(WavFileOutput.class);

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer blockBytes;
    private final ByteBuffer sizeField;
    private final long refreshEveryBytes;
    private final long maxDataBytes;
    private long dataBytes;
    private long dataBytesInHeader;
    private boolean open = true;
    private boolean warnedFull;

    /**
     * Creates (or replaces) the file and writes its header.
     *
     * @param path   the WAV file to write
     * @param format the session's format: the file's rate and channel count
     * @param clock  the time source that paces playout ({@link NanoClock#SYSTEM} outside tests)
     * @throws AudioDeviceException if the file cannot be created
     */
    public WavFileOutput(Path path, StreamFormat format, NanoClock clock) {
        super(format, clock);
        this.path = path;
        this.blockBytes = ByteBuffer.allocate(format.bytesPerBlock()).order(ByteOrder.LITTLE_ENDIAN);
        this.sizeField = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        this.refreshEveryBytes = (long) format.sampleRate() * format.bytesPerFrame();
        this.maxDataBytes = WavHeader.MAX_DATA_BYTES - WavHeader.MAX_DATA_BYTES % format.bytesPerFrame();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            ByteBuffer header = ByteBuffer.allocate(WavHeader.SIZE);
            WavHeader.put(header, format.sampleRate(), format.channels(), 0);
            header.flip();
            writeFully(ch, header);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            Path folder = path.toAbsolutePath().getParent();
            String why = folder != null && !Files.isDirectory(folder) ? "no such folder" : reason(e);
            throw new AudioDeviceException("Cannot write WAV file " + path + " (" + why
                    + "); check that its folder exists and is writable", e);
        }
        this.channel = ch;
    }

    @Override
    synchronized boolean consume(short[] block) {
        if (!open) {
            return false;
        }
        int n = blockBytes.capacity();
        if (dataBytes + n > maxDataBytes) {
            if (!warnedFull) {
                warnedFull = true;
                LOG.warn("{} reached the WAV size limit of 4 GiB; later audio is not recorded", path);
            }
            return true;
        }
        blockBytes.clear();
        int samples = format().samplesPerBlock();
        for (int i = 0; i < samples; i++) {
            blockBytes.putShort(block[i]);
        }
        blockBytes.flip();
        try {
            writeFully(channel, blockBytes);
            dataBytes += n;
            if (dataBytes - dataBytesInHeader >= refreshEveryBytes) {
                writeSizes();
            }
        } catch (IOException e) {
            throw new AudioDeviceException("Cannot write to WAV file " + path + " (" + reason(e)
                    + "); check free disk space", e);
        }
        return true;
    }

    @Override
    synchronized void release() {
        if (!open) {
            return;
        }
        open = false;
        try {
            writeSizes();
            channel.close();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AudioDeviceException("Cannot finish WAV file " + path + " (" + reason(e)
                    + "); the file may be cut short", e);
        }
    }

    /** @return bytes of samples in the file so far (the header not counted) */
    public synchronized long dataBytes() {
        return dataBytes;
    }

    /** @return the file being written */
    public Path path() {
        return path;
    }

    /** @return e.g. {@code "file heard.wav"} */
    @Override
    public String describe() {
        return "file " + path.getFileName();
    }

    /** Rewrites the RIFF and data sizes in place; the write position of the samples stays put. */
    private void writeSizes() throws IOException {
        putSize(WavHeader.RIFF_SIZE_OFFSET, dataBytes + WavHeader.SIZE - 8);
        putSize(WavHeader.DATA_SIZE_OFFSET, dataBytes);
        dataBytesInHeader = dataBytes;
    }

    private void putSize(long offset, long value) throws IOException {
        sizeField.clear();
        sizeField.putInt(0, (int) value);
        long position = offset;
        while (sizeField.hasRemaining()) {
            position += channel.write(sizeField, position);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** A short cause for the user: NIO's own messages are often just the path again. */
    static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Already failing with a better message.
            }
        }
    }
}
