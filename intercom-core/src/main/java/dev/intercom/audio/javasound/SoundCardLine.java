package dev.intercom.audio.javasound;

import dev.intercom.audio.StreamFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Mixer;

/**
 * What a capture line and a playback line have in common: opened for the stream format with an
 * explicit buffer of whole blocks (never Java Sound's half-second default), described by device
 * and the buffer the device granted, started once, and closed once from any thread.
 *
 * @param <L> the Java Sound line: {@link javax.sound.sampled.TargetDataLine} or
 *            {@link javax.sound.sampled.SourceDataLine}
 */
abstract class SoundCardLine<L extends DataLine> {

    final StreamFormat format;
    final L line;
    final String description;
    final int lineBufferFrames;
    private final int askedBufferFrames;
    /** One block of little-endian PCM, the line's side of every read or write. */
    final byte[] blockBytes;
    /** How long to park while the line cannot move data yet: a quarter block, at least 0.1 ms. */
    final long pollNanos;
    final AtomicBoolean closed = new AtomicBoolean();
    final Direction direction;
    /** Watches the line's progress; used by the one thread that reads or writes. */
    private final StallWatch stall = new StallWatch();

    /** The shortest wait for the device: below this, parking costs more than it saves. */
    private static final long MIN_WAIT_NANOS = 100_000L;
    /**
     * The longest single wait, so that a close and a stalled device are noticed promptly even with
     * long blocks; costs nothing at the small blocks where wake-ups matter.
     */
    private static final long MAX_WAIT_NANOS = 20_000_000L;

    /**
     * @param bufferBlocks line buffer in blocks, at least 2 so the device can work on one block
     *                     while we handle the other
     * @throws dev.intercom.audio.AudioDeviceException when no device can open the format or it is busy
     */
    SoundCardLine(Class<L> lineClass, Direction direction, StreamFormat format, Mixer.Info mixerOrNull,
            int bufferBlocks) {
        if (bufferBlocks < 2) {
            throw new IllegalArgumentException("bufferBlocks must be at least 2: " + bufferBlocks);
        }
        this.format = format;
        this.direction = direction;
        this.description = LineOpener.deviceName(mixerOrNull);
        this.blockBytes = new byte[format.bytesPerBlock()];
        this.pollNanos = Math.max(100_000L, format.framesToNanos(format.blockFrames()) / 4);
        this.line = LineOpener.open(lineClass, direction, format, mixerOrNull, bufferBlocks * format.bytesPerBlock());
        this.lineBufferFrames = line.getBufferSize() / format.bytesPerFrame();
        this.askedBufferFrames = bufferBlocks * format.blockFrames();
    }

    /**
     * Waits as long as the device needs to capture or play {@code frames} more frames, and at
     * least half a block: a sound server moves audio a period (at least a block here) at a time,
     * so when only a few frames are missing they come with the next period, not sooner, and
     * shorter waits would only spin (measured: twice the CPU at block 128). At most two wake-ups
     * per block instead of four polls, which were most of the CPU a small block cost.
     */
    final void waitForFrames(long frames) {
        long nanos = format.framesToNanos(Math.max(frames, format.blockFrames() / 2));
        LockSupport.parkNanos(this, Math.min(MAX_WAIT_NANOS, Math.max(MIN_WAIT_NANOS, nanos)));
    }

    /**
     * Notes the line's progress (frames captured or played so far).
     *
     * @throws dev.intercom.audio.AudioDeviceException naming the device and what to check when
     *     it has not moved for {@link StallWatch#STALL_NANOS} (a dead sound server, a card pulled out)
     */
    final void checkProgress(long frames) {
        long now = System.nanoTime();
        if (stall.stalled(frames, now)) {
            throw new dev.intercom.audio.AudioDeviceException(
                    direction.stalledMessage(description, stall.stalledSeconds(now)));
        }
    }

    /** @return the line buffer the device granted, in frames */
    public int lineBufferFrames() {
        return lineBufferFrames;
    }

    /** @return the stream format the line was opened for */
    public StreamFormat format() {
        return format;
    }

    /** Starts the line, unless it was closed first. */
    public void start() {
        if (!closed.get()) {
            line.start();
        }
    }

    /**
     * @return the device and the line buffer it granted, e.g. {@code default device (line buffer
     *     8.00 ms)}, and what was asked when the device granted something else
     */
    public String describe() {
        String granted = String.format(Locale.ROOT, "line buffer %.2f ms", format.framesToMillis(lineBufferFrames));
        if (askedBufferFrames != lineBufferFrames) {
            granted += String.format(Locale.ROOT, ", asked %.2f ms", format.framesToMillis(askedBufferFrames));
        }
        return description + " (" + granted + ")";
    }
}
