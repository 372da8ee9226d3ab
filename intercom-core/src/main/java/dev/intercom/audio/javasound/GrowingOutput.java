package dev.intercom.audio.javasound;

import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.thread.IntercomThread;
import java.util.Locale;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playback line of {@code --device-buffer auto}: a {@link JavaSoundOutput} that is reopened
 * with a larger buffer when it keeps running dry ({@link LineGrowth} says when and how large).
 * A buffer chosen for a quiet desktop cannot ride out a machine whose stalls are longer than
 * it; every stall is then a gap the listener hears, and the stalls recur. PulseAudio's own sinks
 * answer their underruns the same way, by keeping more queued.
 *
 * <p>The line is changed on the playout thread, right after the write that found it ran dry:
 * the old line plays out what it holds (little: it just ran dry) and is closed, the new one is
 * opened (through the same opener, so the sound library's threads get the same priority) and
 * started. The jitter buffer sees a device that took a burst of blocks, as at the start. The
 * change is logged. Any thread may close; a change under way then closes the new line too.
 */
public final class GrowingOutput implements AudioOutput {

    private static final Logger LOG = LoggerFactory.getLogger(GrowingOutput.class);

    private final IntFunction<JavaSoundOutput> opener;
    private final LineGrowth growth;
    private final Object lineLock = new Object();
    private volatile JavaSoundOutput line;
    /** Device underruns of the lines closed so far; written by the playout thread only. */
    private volatile long closedLinesUnderruns;
    private volatile boolean closed;
    private volatile int changes;

    /**
     * Opens the first line.
     *
     * @param opener    opens a line (not started) with a buffer of the given blocks; throws
     *                  {@link dev.intercom.audio.AudioDeviceException} as {@link JavaSoundOutput} does
     * @param blocks    the first line's buffer, in blocks
     * @param maxBlocks the largest buffer a line may grow to, in blocks
     */
    public GrowingOutput(IntFunction<JavaSoundOutput> opener, int blocks, int maxBlocks) {
        this.opener = opener;
        this.growth = new LineGrowth(blocks, Math.max(blocks, maxBlocks));
        this.line = opener.apply(blocks);
    }

    @Override
    public StreamFormat format() {
        return line.format();
    }

    @Override
    public void start() {
        line.start();
    }

    @Override
    public boolean awaitRoom() {
        return line.awaitRoom();
    }

    @Override
    public long blockDueNanos(long roomNanos) {
        return line.blockDueNanos(roomNanos);
    }

    /** Writes one block; then, if the line keeps running dry, changes it for a larger one. */
    @Override
    public void write(short[] block) {
        JavaSoundOutput current = line;
        current.write(block);
        int blocks = growth.afterWrite(deviceUnderruns(), System.nanoTime());
        if (blocks > 0 && !closed) {
            change(current, blocks);
        }
    }

    private void change(JavaSoundOutput old, int blocks) {
        double fromMs = old.format().framesToMillis(old.lineBufferFrames());
        long oldUnderruns = old.deviceUnderruns();
        long began = System.nanoTime();
        // What it holds, and a block more; not the whole drain of a closing session (on PipeWire,
        // whose position lags, that waited the full 113 ms at block 128).
        old.close(old.format().framesToNanos(old.bufferedFrames() + old.format().blockFrames()));
        JavaSoundOutput next = opener.apply(blocks);
        synchronized (lineLock) {
            if (closed) {
                next.close();
                return;
            }
            closedLinesUnderruns += oldUnderruns;
            line = next;
            changes++;
        }
        next.start();
        double tookMs = (System.nanoTime() - began) / 1e6;
        double toMs = next.format().framesToMillis(next.lineBufferFrames());
        String said = String.format(Locale.ROOT, "the output ran dry twice within %.0f s (%d device underruns so far): its"
                + " line buffer grows from %.2f to %.2f ms, %.2f ms more latency (the change took %.1f ms;"
                + " --device-buffer MS sets a size that stays)", LineGrowth.WINDOW_NANOS / 1e9, deviceUnderruns(), fromMs,
                toMs, toMs - fromMs, tookMs);
        IntercomThread.LOG.start(() -> LOG.warn(said));
    }

    @Override
    public long bufferedFrames() {
        return line.bufferedFrames();
    }

    @Override
    public long deviceUnderruns() {
        return closedLinesUnderruns + line.deviceUnderruns();
    }

    /** @return how many times the line was changed for a larger one */
    public int changes() {
        return changes;
    }

    /** @return the line buffer the device granted the line in use, in frames */
    public int lineBufferFrames() {
        return line.lineBufferFrames();
    }

    @Override
    public String describe() {
        return line.describe() + ", grows when it keeps running dry";
    }

    @Override
    public void close() {
        JavaSoundOutput current;
        synchronized (lineLock) {
            closed = true;
            current = line;
        }
        current.close();
    }
}
