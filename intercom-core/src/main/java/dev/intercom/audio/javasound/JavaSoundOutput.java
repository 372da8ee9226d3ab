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

    /** A line holding less than this is dry: what a sound server's rounded position leaves over. */
    static final long DRY_SLACK_NANOS = 250_000L;

    /** Extra time close() gives the device to play out its buffer. */
    private static final long DRAIN_MARGIN_NANOS = 100_000_000L;

    private final int roomBytes;
    private final Object writeLock = new Object();
    private volatile long framesWritten;
    private final int lineBufferBytes;
    /** {@link #DRY_SLACK_NANOS} in frames, at least one. */
    private final long drySlackFrames;
    /** Written by the playout thread only; read by anyone. */
    private volatile long underruns;
    /** Frames written when the last underrun was counted; playout thread only. */
    private long writtenAtLastUnderrun = Long.MIN_VALUE / 2;
    /** Room beyond one block when {@link #awaitRoom()} last returned; playout thread only. */
    private long roomAheadFrames;
    /** When the last block was written, 0 before the first; playout thread only. */
    private long lastWriteNanos;
    /** Beyond this without a write the line has surely run dry, see {@link #noteUnderrun}. */
    private final long unfedNanos;

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
        this.lineBufferBytes = line.getBufferSize();
        this.drySlackFrames = Math.max(1, format.nanosToFrames(DRY_SLACK_NANOS));
        this.unfedNanos = 2 * format.framesToNanos(lineBufferFrames);
    }

    /**
     * Sleeps until the device should have played enough for one block to fit, checking the
     * line once per wake-up (not every quarter block). Counts a device underrun when the line
     * was found empty: it played everything written and had to play silence.
     *
     * @return {@code false} once closed, or when the calling thread is interrupted (its
     *     interrupt status stays set)
     * @throws AudioDeviceException when the line has played nothing for a second (the message
     *     names the device and says what to check)
     */
    @Override
    public boolean awaitRoom() {
        int frameBytes = format.bytesPerFrame();
        while (!closed.get()) {
            int available = line.available();
            if (available >= roomBytes) {
                noteUnderrun(available);
                // Never more room than the line has: the pulse plugin's count is not always sane.
                roomAheadFrames = (Math.min(available, lineBufferBytes) - roomBytes) / frameBytes;
                return true;
            }
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            checkProgress(line.getLongFramePosition());
            waitForFrames((roomBytes - available) / frameBytes);
        }
        return false;
    }

    /**
     * The line ran dry when it holds nothing, or next to nothing ({@link #DRY_SLACK_NANOS}: the
     * pulse plugin's position is rounded, and a line that had stood still for 66 ms read 1278 of
     * its 1280 bytes free, its position one frame short of what was written, so a third of the
     * stalls in the tier went uncounted): {@code available} is the whole buffer, or the position
     * has caught up with what was written. Not before the line has played two buffers'
     * worth: a sound server takes a buffer or more at once while the stream starts (measured
     * with PulseAudio 16: the position jumps to the whole buffer), before anything plays; when
     * only the first buffer was spared, block 64 counted 3 underruns in the first second of most
     * sessions under load while the card's monitor recording of a steady tone had no gap at all.
     * One dry spell counts once: the next needs a buffer's worth written since. PipeWire takes
     * what is written into a dry line at once, so the line looked dry again at the next block,
     * and one 60 ms stall counted twice (and grew the line by itself).
     */
    private void noteUnderrun(int available) {
        if (!line.isRunning() || framesWritten - writtenAtLastUnderrun < lineBufferFrames) {
            return;
        }
        long position = line.getLongFramePosition();
        boolean dry = available >= lineBufferBytes - drySlackFrames * format.bytesPerFrame()
                || position >= framesWritten - drySlackFrames || wentUnfed();
        if (position >= 2L * lineBufferFrames && dry) {
            underruns++;
            writtenAtLastUnderrun = framesWritten;
        }
    }

    /**
     * Whether nothing was written for twice what the line holds: then it ran dry whatever its
     * counters say, even with what a server keeps beyond the line (PulseAudio's sink renders a
     * little ahead, PipeWire takes a quantum), which is less than the line. Through the pulse
     * plugin, a process stopped for 60 ms three times showed the line dry after the first stop
     * only, in one tier run of three: the plugin's counters had not caught up when we looked.
     */
    private boolean wentUnfed() {
        return lastWriteNanos != 0 && System.nanoTime() - lastWriteNanos > unfedNanos;
    }

    /**
     * A sound server drains the line a period (a third of the buffer) or two at a time, so room
     * for several blocks appears at once and the playout thread asks for them back to back. As
     * the jitter buffer's "now", each of those blocks gets the time a device taking one block at
     * a time would have asked for it: earlier by the room beyond this block. The playout clock
     * then advances a block per block, as the device plays them, and a burst of requests is not
     * mistaken for blocks that are late.
     */
    @Override
    public long blockDueNanos(long roomNanos) {
        return roomNanos - format.framesToNanos(roomAheadFrames);
    }

    @Override
    public long deviceUnderruns() {
        return underruns;
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
                    checkProgress(line.getLongFramePosition());
                    waitForFrames((bytes.length - offset) / format.bytesPerFrame()); // not started: wait for room
                }
            }
            framesWritten += offset / format.bytesPerFrame();
            lastWriteNanos = System.nanoTime();
        }
    }

    /**
     * @return frames written but not yet played, from 0 to the line buffer (a line cannot hold
     *     more, whatever a lagging frame position says); 0 once closed
     */
    @Override
    public long bufferedFrames() {
        if (closed.get() && !line.isOpen()) {
            return 0;
        }
        return Math.min(lineBufferFrames, Math.max(0, framesWritten - line.getLongFramePosition()));
    }

    /**
     * Lets a running line play what it holds, for at most its buffer's duration plus 100 ms,
     * then stops and closes it.
     */
    @Override
    public void close() {
        close(format.framesToNanos(lineBufferFrames) + DRAIN_MARGIN_NANOS);
    }

    /**
     * Lets a running line play what it holds, for at most {@code drainNanos}, then stops and
     * closes it (what it still holds then is dropped). A sound server's position can lag what
     * was played (PipeWire's by a quantum or more), so a line may never look empty: the limit
     * bounds the wait.
     */
    public void close(long drainNanos) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + drainNanos;
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
