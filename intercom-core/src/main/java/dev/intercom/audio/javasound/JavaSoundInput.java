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

    /**
     * Blocks of line buffer asked for by default. A sound server delivers capture a period (a
     * third of the line buffer) at a time: with three blocks that is one block, so blocks come
     * evenly and not in bursts the jitter buffer must wait out (measured on PulseAudio 16: 20 ms
     * buffers at block 64 brought blocks five at a time). PulseAudio queues a late reader's
     * audio on its side, so the small buffer loses nothing.
     */
    public static final int DEFAULT_BUFFER_BLOCKS = 3;

    private volatile int bufferedFrames;
    private volatile long overrunFrames;
    private volatile long discardedFrames;
    private volatile long staleFrames;
    /** Tells a reader that fell behind; null when nothing is dropped as stale (a measurement). */
    private final CaptureLag lag;
    /** Frames read since the start, the line's progress for {@link StallWatch}. */
    private long framesRead;
    private boolean started;

    /** The most start-up backlog dropped: far more than any sound server queues (4 MB is 43 s). */
    private static final long MAX_BACKLOG_NANOS = 60_000_000_000L;
    /**
     * How long, beyond the device's normal wait, the rest of a stall's audio is waited for to be
     * dropped. Measured on PulseAudio 16 with the process stopped for 60 ms: only 24 ms of it was
     * there when the capture thread ran again; the rest came within a few milliseconds, and went
     * out late when it was not waited for.
     */
    private static final long STALE_WAIT_NANOS = 10_000_000L;
    /** How long to sleep while waiting for the rest of a stall's audio. */
    private static final long STALE_POLL_NANOS = 500_000L;

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
        this(format, mixerOrNull, bufferBlocks, true);
    }

    /**
     * Opens the capture line with a buffer of {@code bufferBlocks} blocks.
     *
     * @param dropsStale whether audio queued while the reader did not run is dropped (a session:
     *                   it would go out late) or read as it is (a measurement, whose recording
     *                   must keep every frame in its place)
     * @throws AudioDeviceException when no device can capture the format or it is busy
     */
    public JavaSoundInput(StreamFormat format, Mixer.Info mixerOrNull, int bufferBlocks, boolean dropsStale) {
        super(TargetDataLine.class, Direction.INPUT, format, mixerOrNull, bufferBlocks);
        // A sound server delivers a period (a third of the line) at a time, at least a block.
        this.lag = dropsStale
                ? new CaptureLag(format.framesToNanos(Math.max(format.blockFrames(), lineBufferFrames() / 3)))
                : null;
    }

    /**
     * Reads what the line has and, while a block is incomplete, sleeps for as long as the device
     * needs to capture the rest: never a read that blocks inside Java Sound, so a device that
     * stops delivering is noticed (after a second) instead of hanging the capture thread. The
     * first call throws away whatever the line holds already: audio from before the session's
     * first block, which would otherwise go out late, all at once. So does a call that finds this
     * thread fell behind ({@link CaptureLag}: it did not run for {@value CaptureLag#BEHIND_MILLIS}
     * ms longer than the device's longest normal wait): what queued meanwhile is dropped and
     * counted in {@link #staleFrames()}, and the block returned is fresh.
     *
     * @throws AudioDeviceException when reading fails or the device has delivered nothing for a
     *     second (the message names it and says what to check)
     */
    @Override
    public boolean read(short[] block) {
        if (!started) {
            started = true;
            discardedFrames = discardQueued(format.nanosToFrames(MAX_BACKLOG_NANOS), 0);
        }
        while (true) {
            if (!fillBlock()) {
                return false;
            }
            long now = System.nanoTime();
            long behind = lag == null ? 0 : lag.behindNanos(now);
            if (behind == 0) {
                break;
            }
            // This thread did not run for a while: the block just read is the oldest of what the
            // device queued meanwhile. Drop it and the rest, and read a fresh block. A sound
            // server whose client was stopped too sends the rest only once it runs again, a few
            // milliseconds later: what is missing is waited for, briefly.
            long more = format.nanosToFrames(behind) - format.blockFrames();
            long dropped = format.blockFrames() + discardQueued(more, lag.normalGapNanos() + STALE_WAIT_NANOS);
            framesRead += dropped - format.blockFrames();
            staleFrames += dropped;
            lag.caughtUp(System.nanoTime());
        }
        if (closed.get()) {
            return false;
        }
        checkProgress(framesRead);
        Pcm16.fromLittleEndian(blockBytes, block, format.samplesPerBlock());
        // The position first: a frame captured between the two calls then counts as buffered,
        // never as lost.
        int frameBytes = format.bytesPerFrame();
        long position = line.getLongFramePosition();
        int buffered = line.available() / frameBytes;
        bufferedFrames = buffered;
        noteOverrun(position, buffered);
        return true;
    }

    /**
     * Fills {@link #blockBytes} with the next block, sleeping while the device captures it.
     *
     * @return {@code false} once closed or interrupted
     */
    private boolean fillBlock() {
        byte[] bytes = blockBytes;
        int length = bytes.length;
        int frameBytes = format.bytesPerFrame();
        int offset = 0;
        while (offset < length) {
            if (closed.get()) {
                return false;
            }
            int ready;
            try {
                int available = line.available();
                ready = Math.min(length - offset, available - available % frameBytes);
                if (ready > 0) {
                    ready = line.read(bytes, offset, ready);
                }
            } catch (RuntimeException e) {
                if (closed.get()) {
                    return false; // the line was closed under us: the normal way out
                }
                throw new AudioDeviceException("reading from the input " + description
                        + " failed (" + e.getMessage() + "); check the device or use --input tone",
                        e);
            }
            if (ready > 0) {
                offset += ready;
                framesRead += ready / frameBytes;
            } else if (Thread.currentThread().isInterrupted()) {
                return false; // parking would return at once: give up rather than spin
            } else {
                checkProgress(framesRead);
                waitForFrames((length - offset) / frameBytes);
            }
        }
        return true;
    }

    /**
     * Reads and drops what the device queued (before the first read, or while this thread did not
     * run), in whole blocks, until the line holds less than a block (that rest is the period being
     * captured now) and {@code waitNanos} have passed, or {@code limitFrames} are dropped. Not
     * just what {@code available()} shows at first: the ALSA pulse plugin records from the moment
     * the line is opened (its stream is connected uncorked in {@code prepare}), keeps up to 4 MB
     * of it on the client side, and shows it through a window of one line buffer that refills as
     * soon as it is read
     * (measured on PulseAudio 16: 0.4 s behind an 8 ms line at the first read). At most
     * {@link #MAX_BACKLOG_NANOS} is dropped at the start, so a device that delivers faster than
     * real time cannot keep the capture thread here.
     *
     * @param limitFrames the most to drop
     * @param waitNanos   how long to wait for more to come (0: not at all)
     * @return the whole frames read and dropped
     */
    private long discardQueued(long limitFrames, long waitNanos) {
        long since = System.nanoTime();
        long dropped = 0;
        int frameBytes = format.bytesPerFrame();
        int blockFrames = format.blockFrames();
        while (!closed.get() && dropped + blockFrames <= limitFrames) {
            int stale = line.available();
            stale -= stale % frameBytes;
            if (stale < blockBytes.length) {
                if (System.nanoTime() - since >= waitNanos || Thread.currentThread().isInterrupted()) {
                    break;
                }
                LockSupport.parkNanos(this, STALE_POLL_NANOS);
                continue;
            }
            int n = line.read(blockBytes, 0, blockBytes.length);
            if (n <= 0) {
                break;
            }
            dropped += n / frameBytes;
        }
        return dropped;
    }

    /**
     * Frames the line captured (its frame position, counted from the start) that were neither read,
     * dropped as the start-up backlog, nor still buffered: lost when the buffer overflowed. Kept
     * as the largest figure seen, so a position that jitters cannot count a loss twice.
     */
    private void noteOverrun(long position, int buffered) {
        long lost = position - framesRead - discardedFrames - buffered;
        if (lost > overrunFrames) {
            overrunFrames = lost;
        }
    }

    @Override
    public long overrunFrames() {
        return overrunFrames;
    }

    @Override
    public long discardedFrames() {
        return discardedFrames;
    }

    @Override
    public long staleFrames() {
        return staleFrames;
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
