package dev.intercom.audio.javasound;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays on a sound card through a Java Sound {@link SourceDataLine} opened for signed 16-bit
 * little-endian PCM with a buffer of a few blocks. The line is the playout clock:
 * {@link #awaitRoom()} returns when the device has played enough to take one more block.
 *
 * <p>One thread waits and writes; any thread may close, which makes a waiting
 * {@link #awaitRoom()} return {@code false}.
 */
public final class JavaSoundOutput extends SoundCardLine<SourceDataLine> implements AudioOutput {

    /** Blocks of line buffer asked for by default: small, because it is playback latency. */
    public static final int DEFAULT_BUFFER_BLOCKS = 3;

    /** Extra time close() gives the device to play out its buffer. */
    private static final long DRAIN_MARGIN_NANOS = 100_000_000L;

    private final int roomBytes;
    private final Object writeLock = new Object();
    private volatile long framesWritten;

    /**
     * Opens the playback line with a {@value #DEFAULT_BUFFER_BLOCKS}-block buffer.
     *
     * @param format      the stream format to play
     * @param mixerOrNull the mixer to play on, as found by {@link DeviceCatalogue#findOutput},
     *                    or null for Java Sound's default
     * @throws AudioDeviceException when no device can play the format or it is busy
     */
    public JavaSoundOutput(StreamFormat format, Mixer.Info mixerOrNull) {
        this(format, mixerOrNull, DEFAULT_BUFFER_BLOCKS);
    }

    /**
     * Opens the playback line with a buffer of {@code bufferBlocks} blocks.
     *
     * @param format       the stream format to play
     * @param mixerOrNull  the mixer to play on, or null for Java Sound's default
     * @param bufferBlocks line buffer in blocks, at least 2 so one block can be written while
     *                     another plays
     * @throws AudioDeviceException when no device can play the format or it is busy
     */
    public JavaSoundOutput(StreamFormat format, Mixer.Info mixerOrNull, int bufferBlocks) {
        super(SourceDataLine.class, Direction.OUTPUT, format, mixerOrNull, bufferBlocks);
        // A device that granted less than a block could never show a block's room; wait for a
        // full buffer's room instead and let write() block for the rest.
        this.roomBytes = Math.min(format.bytesPerBlock(), line.getBufferSize());
    }

    /**
     * Polls {@link SourceDataLine#available()} every quarter block until a block fits.
     *
     * @return {@code false} once closed, or when the calling thread is interrupted (its
     *     interrupt status stays set)
     */
    @Override
    public boolean awaitRoom() {
        while (!closed.get()) {
            if (line.available() >= roomBytes) {
                return true;
            }
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(this, pollNanos);
        }
        return false;
    }

    /** Writes one block; after {@link #awaitRoom()} this does not block. Ignored once closed. */
    @Override
    public void write(short[] block) {
        synchronized (writeLock) {
            if (closed.get()) {
                return;
            }
            byte[] bytes = blockBytes;
            Pcm16.toLittleEndian(block, format.samplesPerBlock(), bytes);
            int offset = 0;
            while (offset < bytes.length && !closed.get()) {
                int written;
                try {
                    written = line.write(bytes, offset, bytes.length - offset);
                } catch (RuntimeException e) {
                    throw new AudioDeviceException("writing to the output " + description
                            + " failed (" + e.getMessage() + "); check the device or use"
                            + " --output file:PATH", e);
                }
                offset += written;
                if (written <= 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    LockSupport.parkNanos(this, pollNanos); // not started: wait for room
                }
            }
            framesWritten += offset / format.bytesPerFrame();
        }
    }

    /** @return frames written but not yet played, never negative; 0 once closed */
    @Override
    public long bufferedFrames() {
        if (closed.get() && !line.isOpen()) {
            return 0;
        }
        return Math.max(0, framesWritten - line.getLongFramePosition());
    }

    /**
     * Lets a running line play what it holds, for at most its buffer's duration plus 100 ms,
     * then stops and closes it.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + format.framesToNanos(lineBufferFrames)
                + DRAIN_MARGIN_NANOS;
        while (line.isRunning() && bufferedFrames() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                break;
            }
            LockSupport.parkNanos(this, Math.min(left, pollNanos));
        }
        // Stopping makes a write blocked in another thread return, so the lock comes free.
        line.stop();
        synchronized (writeLock) {
            line.flush();
            line.close();
        }
    }
}
