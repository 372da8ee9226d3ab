package dev.intercom.audio.javasound;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.AudioInput;
import dev.intercom.audio.StreamFormat;
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
    /** Frames read since the start, the line's progress for {@link StallWatch}. */
    private long framesRead;
    private boolean started;

    /** The most start-up backlog dropped: far more than any sound server queues (4 MB is 43 s). */
    private static final long MAX_BACKLOG_NANOS = 60_000_000_000L;

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

    /**
     * Reads what the line has and, while a block is incomplete, sleeps for as long as the device
     * needs to capture the rest: never a read that blocks inside Java Sound, so a device that
     * stops delivering is noticed (after a second) instead of hanging the capture thread. The
     * first call throws away whatever the line holds already: audio from before the session's
     * first block, which would otherwise go out late, all at once.
     *
     * @throws AudioDeviceException when reading fails or the device has delivered nothing for a
     *     second (the message names it and says what to check)
     */
    @Override
    public boolean read(short[] block) {
        if (!started) {
            started = true;
            discardedFrames = discardBacklog();
        }
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
        if (closed.get()) {
            return false;
        }
        checkProgress(framesRead);
        Pcm16.fromLittleEndian(bytes, block, format.samplesPerBlock());
        // The position first: a frame captured between the two calls then counts as buffered,
        // never as lost.
        long position = line.getLongFramePosition();
        int buffered = line.available() / frameBytes;
        bufferedFrames = buffered;
        noteOverrun(position, buffered);
        return true;
    }

    /**
     * Reads and drops what the device queued before the first read, until the line holds less
     * than a block: that rest is the period being captured now. Not just what {@code available()}
     * shows at first: the ALSA pulse plugin records from the moment the line is opened (its
     * stream is connected uncorked in {@code prepare}), keeps up to 4 MB of it on the client
     * side, and shows it through a window of one line buffer that refills as soon as it is read
     * (measured on PulseAudio 16: 0.4 s behind an 8 ms line at the first read). At most
     * {@link #MAX_BACKLOG_NANOS} is dropped, so a device that delivers faster than real time
     * cannot keep the capture thread here.
     *
     * @return the whole frames read and dropped
     */
    private long discardBacklog() {
        long dropped = 0;
        long limit = format.nanosToFrames(MAX_BACKLOG_NANOS);
        int frameBytes = format.bytesPerFrame();
        while (!closed.get() && dropped < limit) {
            int stale = line.available();
            stale -= stale % frameBytes;
            if (stale < blockBytes.length) {
                break;
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
