package dev.intercom.audio.javasound;

import dev.intercom.audio.StreamFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** One block of little-endian PCM, the line's side of every read or write. */
    final byte[] blockBytes;
    /** How long to park while the line cannot move data yet: a quarter block, at least 0.1 ms. */
    final long pollNanos;
    final AtomicBoolean closed = new AtomicBoolean();

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
        this.description = LineOpener.deviceName(mixerOrNull);
        this.blockBytes = new byte[format.bytesPerBlock()];
        this.pollNanos = Math.max(100_000L, format.framesToNanos(format.blockFrames()) / 4);
        this.line = LineOpener.open(lineClass, direction, format, mixerOrNull, bufferBlocks * format.bytesPerBlock());
        this.lineBufferFrames = line.getBufferSize() / format.bytesPerFrame();
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

    /** @return the device and the line buffer it granted, e.g. {@code default device (line buffer 8.00 ms)} */
    public String describe() {
        return description + String.format(Locale.ROOT, " (line buffer %.2f ms)", format.framesToMillis(lineBufferFrames));
    }
}
