package dev.intercom.audio.javasound;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.AudioInput;
import dev.intercom.audio.StreamFormat;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * Captures from a sound card through a Java Sound {@link TargetDataLine} opened for signed
 * 16-bit little-endian PCM with a buffer of a few blocks, so capture latency is bounded by the
 * block size rather than Java Sound's half-second default.
 *
 * <p>One thread reads; any thread may close, which makes a blocked read return {@code false}.
 */
public final class JavaSoundInput extends SoundCardLine<TargetDataLine> implements AudioInput {

    /** Blocks of line buffer asked for by default: room to ride out a late reader. */
    public static final int DEFAULT_BUFFER_BLOCKS = 4;

    private volatile int bufferedFrames;

    /**
     * Opens the capture line with a {@value #DEFAULT_BUFFER_BLOCKS}-block buffer.
     *
     * @param format      the stream format to capture
     * @param mixerOrNull the mixer to capture from, as found by
     *                    {@link DeviceCatalogue#findInput}, or null for Java Sound's default
     * @throws AudioDeviceException when no device can capture the format or it is busy
     */
    public JavaSoundInput(StreamFormat format, Mixer.Info mixerOrNull) {
        this(format, mixerOrNull, DEFAULT_BUFFER_BLOCKS);
    }

    /**
     * Opens the capture line with a buffer of {@code bufferBlocks} blocks.
     *
     * @param format       the stream format to capture
     * @param mixerOrNull  the mixer to capture from, or null for Java Sound's default
     * @param bufferBlocks line buffer in blocks, at least 2 so the device can fill one block
     *                     while the reader takes the other
     * @throws AudioDeviceException when no device can capture the format or it is busy
     */
    public JavaSoundInput(StreamFormat format, Mixer.Info mixerOrNull, int bufferBlocks) {
        super(TargetDataLine.class, Direction.INPUT, format, mixerOrNull, bufferBlocks);
    }

    @Override
    public boolean read(short[] block) {
        byte[] bytes = blockBytes;
        int length = bytes.length;
        int offset = 0;
        while (offset < length) {
            if (closed.get()) {
                return false;
            }
            int read;
            try {
                read = line.read(bytes, offset, length - offset);
            } catch (RuntimeException e) {
                if (closed.get()) {
                    return false; // the line was closed under us: the normal way out
                }
                throw new AudioDeviceException("reading from the input " + description
                        + " failed (" + e.getMessage() + "); check the device or use --input tone",
                        e);
            }
            if (read > 0) {
                offset += read;
            } else if (Thread.currentThread().isInterrupted()) {
                return false; // parking would return at once: give up rather than spin
            } else {
                LockSupport.parkNanos(this, pollNanos); // nothing yet: poll an unstarted or stalled line
            }
        }
        if (closed.get()) {
            return false;
        }
        Pcm16.fromLittleEndian(bytes, block, format.samplesPerBlock());
        bufferedFrames = line.available() / format.bytesPerFrame();
        return true;
    }

    @Override
    public int bufferedFrames() {
        return bufferedFrames;
    }

    /** Stops and closes the line; a read blocked in another thread returns false promptly. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Stopping and flushing make a blocked TargetDataLine.read return what it has.
        line.stop();
        line.flush();
        line.close();
    }
}
