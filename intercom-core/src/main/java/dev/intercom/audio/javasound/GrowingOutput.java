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
 * with a larger buffer when it keeps running dry, and with its first buffer again once it has
 * played a quiet spell without running dry ({@link LineGrowth} says when and how large). A buffer
 * chosen for a quiet desktop cannot ride out a machine whose stalls are longer than it; every
 * stall is then a gap the listener hears, and the stalls recur. PulseAudio's own sinks answer
 * their underruns the same way, by keeping more queued. Stalls come in spells, though, and a
 * grown line costs latency for as long as it is kept.
 *
 * <p>The line is changed on the playout thread, right after a write. When it grows, the old line
 * plays out what it holds (little: it just ran dry). When it goes back, at a moment it holds
 * only silence (blocks whose peak is under {@value #SILENT_PEAK}, -40 dBFS), what it holds is
 * dropped, so the jitter buffer is not left with the old line's worth of surplus; with no such
 * moment it plays out too. Then the old line is closed and the new one opened (through the same
 * opener, so the sound library's threads get the same priority) and started. The jitter buffer
 * sees a device that took a burst of blocks, as at the start. Each change is logged. Any thread
 * may close; a change under way then closes the new line too.
 */
public final class GrowingOutput implements AudioOutput {

    private static final Logger LOG = LoggerFactory.getLogger(GrowingOutput.class);
    /** A block whose samples all stay under this (-40 dBFS) is silence for a change of line. */
    static final int SILENT_PEAK = 328;

    private final IntFunction<JavaSoundOutput> opener;
    private final LineGrowth growth;
    private final Object lineLock = new Object();
    private volatile JavaSoundOutput line;
    /** Device underruns of the lines closed so far; written by the playout thread only. */
    private volatile long closedLinesUnderruns;
    private volatile boolean closed;
    private volatile int changes;
    private volatile int wentBack;
    /** Frames of silent blocks written since the last one that was not; playout thread only. */
    private long silentFrames;

    /**
     * Opens the first line.
     *
     * @param opener    opens a line (not started) with a buffer of the given blocks; throws
     *                  {@link dev.intercom.audio.AudioDeviceException} as {@link JavaSoundOutput} does
     * @param blocks    the first line's buffer, in blocks
     * @param maxBlocks the largest buffer a line may grow to, in blocks
     */
    public GrowingOutput(IntFunction<JavaSoundOutput> opener, int blocks, int maxBlocks) {
        this(opener, new LineGrowth(blocks, Math.max(blocks, maxBlocks)));
    }

    /** Opens the first line with the size {@code growth} starts at. */
    GrowingOutput(IntFunction<JavaSoundOutput> opener, LineGrowth growth) {
        this.opener = opener;
        this.growth = growth;
        this.line = opener.apply(growth.blocks());
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

    /** Writes one block; then, if the line keeps running dry or has long stopped, changes it. */
    @Override
    public void write(short[] block) {
        JavaSoundOutput current = line;
        current.write(block);
        silentFrames = isSilent(block) ? silentFrames + current.format().blockFrames() : 0;
        boolean holdsOnlySilence = silentFrames >= current.lineBufferFrames();
        int blocks = growth.afterWrite(deviceUnderruns(), System.nanoTime(), holdsOnlySilence);
        if (blocks > 0 && !closed) {
            change(current, blocks, holdsOnlySilence);
        }
    }

    private static boolean isSilent(short[] block) {
        for (short sample : block) {
            if (sample >= SILENT_PEAK || sample <= -SILENT_PEAK) {
                return false;
            }
        }
        return true;
    }

    private void change(JavaSoundOutput old, int blocks, boolean holdsOnlySilence) {
        StreamFormat format = old.format();
        double fromMs = format.framesToMillis(old.lineBufferFrames());
        boolean grows = (long) blocks * format.blockFrames() > old.lineBufferFrames();
        long oldUnderruns = old.deviceUnderruns();
        long began = System.nanoTime();
        // Growing: what it holds, and a block more; not the whole drain of a closing session (on
        // PipeWire, whose position lags, that waited the full 113 ms at block 128). Going back at
        // a silent moment: nothing, since what it holds is silence.
        boolean drops = !grows && holdsOnlySilence;
        old.close(drops ? 0 : format.framesToNanos(old.bufferedFrames() + format.blockFrames()));
        JavaSoundOutput next = opener.apply(blocks);
        synchronized (lineLock) {
            if (closed) {
                next.close();
                return;
            }
            closedLinesUnderruns += oldUnderruns;
            line = next;
            changes++;
            if (!grows) {
                wentBack++;
            }
        }
        next.start();
        silentFrames = 0;
        double tookMs = (System.nanoTime() - began) / 1e6;
        double toMs = format.framesToMillis(next.lineBufferFrames());
        if (grows) {
            String said = String.format(Locale.ROOT, "the output ran dry twice within %.0f s (%d device underruns so"
                    + " far): its line buffer grows from %.2f to %.2f ms, %.2f ms more latency (the change took %.1f ms;"
                    + " --device-buffer MS sets a size that stays)", LineGrowth.WINDOW_NANOS / 1e9, deviceUnderruns(),
                    fromMs, toMs, toMs - fromMs, tookMs);
            IntercomThread.LOG.start(() -> LOG.warn(said));
        } else {
            String said = String.format(Locale.ROOT, "the output has not run dry for %.0f s or more: its line buffer"
                    + " goes back from %.2f to %.2f ms, %.2f ms less latency (the change took %.1f ms, %s)",
                    growth.quietNanos() / 1e9, fromMs, toMs, fromMs - toMs, tookMs,
                    drops ? "at a silent moment" : "with no silent moment in sight");
            IntercomThread.LOG.start(() -> LOG.info(said));
        }
    }

    @Override
    public long bufferedFrames() {
        return line.bufferedFrames();
    }

    @Override
    public long deviceUnderruns() {
        return closedLinesUnderruns + line.deviceUnderruns();
    }

    /** @return how many times the line was changed, for a larger one or back to the first size */
    public int changes() {
        return changes;
    }

    /** @return how many of those changes took it back to the first size */
    public int wentBack() {
        return wentBack;
    }

    /** @return the line buffer the device granted the line in use, in frames */
    public int lineBufferFrames() {
        return line.lineBufferFrames();
    }

    @Override
    public String describe() {
        return line.describe() + ", grows when it keeps running dry and goes back after a quiet spell";
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
