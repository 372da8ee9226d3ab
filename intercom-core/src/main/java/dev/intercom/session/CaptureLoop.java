package dev.intercom.session;

import dev.intercom.audio.AudioInput;
import dev.intercom.stats.ProcessAge;
import dev.intercom.stats.SessionCounters;
import dev.intercom.thread.IntercomThread;
import dev.intercom.time.NanoClock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture thread's work: read a block from the input (which paces it in real time), note
 * the capture latency, and hand the block on. The block array is allocated once.
 */
final class CaptureLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureLoop.class);

    private final AudioInput input;
    private final BlockSink sink;
    private final SessionCounters counters;
    private final NanoClock clock;
    private final FailureListener onFailure;
    private final short[] block;
    private volatile boolean running = true;
    private boolean first = true;
    /** Overrun frames already passed on to the counters. */
    private long reportedOverrunFrames;
    /** Stale frames already skipped over on the sink and counted. */
    private long reportedStaleFrames;

    CaptureLoop(AudioInput input, BlockSink sink, SessionCounters counters, NanoClock clock, FailureListener onFailure) {
        this.input = input;
        this.sink = sink;
        this.counters = counters;
        this.clock = clock;
        this.onFailure = onFailure;
        this.block = new short[input.format().samplesPerBlock()];
    }

    @Override
    public void run() {
        try {
            while (captureOne()) {
                // each block is paced by the input's clock
            }
        } catch (RuntimeException | Error e) {
            failed(e);
        }
    }

    /**
     * Waits for the input's next block and hands it on: one tick of the capture side.
     *
     * @return {@code false} once the loop was stopped or the input closed
     */
    boolean captureOne() {
        if (!running || !input.read(block)) {
            return false;
        }
        counters.captureLatency(input.bufferedFrames());
        long overrun = input.overrunFrames();
        if (overrun != reportedOverrunFrames) {
            counters.captureOverrun(overrun - reportedOverrunFrames);
            reportedOverrunFrames = overrun;
        }
        long stale = input.staleFrames();
        if (stale != reportedStaleFrames) {
            long dropped = stale - reportedStaleFrames;
            sink.skip(dropped);
            counters.captureStale(dropped);
            reportStale(dropped, stale);
            reportedStaleFrames = stale;
        }
        counters.inputLevel().add(block, block.length);
        sink.accept(block, clock.nanoTime());
        if (first) {
            first = false;
            reportFirstBlock(clock.nanoTime(), input.discardedFrames());
        }
        return true;
    }

    /** Reports what ended the capture side, unless it was stopping anyway. */
    void failed(Throwable e) {
        if (running) {
            LOG.debug("capture failed", e);
            onFailure.failed(e instanceof RuntimeException r ? r
                    : new IllegalStateException("the capture thread failed: " + e, e));
        }
    }

    /**
     * Logs, from another thread, how long after the process was launched the first block went
     * out (the warm start's figure: JVM start, class loading, device and socket set-up), and the
     * device's start-up backlog that was thrown away.
     */
    private void reportFirstBlock(long sentNanos, long discardedFrames) {
        IntercomThread.LOG.start(() -> {
            long sinceSent = TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - sentNanos);
            LOG.info("first block sent {} ms after launch (the warm start; {} ms of CPU so far; Java {})",
                    ProcessAge.millis() - sinceSent, ProcessAge.cpuMillis(), Runtime.version().feature());
            if (discardedFrames > 0) {
                LOG.info("input: discarded {} ms the device held before the first block, so the first packet is fresh",
                        String.format(Locale.ROOT, "%.1f", input.format().framesToMillis(discardedFrames)));
            }
        });
    }

    /** Says, from another thread, that the capture fell behind and what it dropped. */
    private void reportStale(long frames, long total) {
        IntercomThread.LOG.start(() -> LOG.warn("the capture thread did not run for a while (the process or the machine"
                + " stalled): dropped the {} ms the input queued meanwhile, {} ms so far, so what is sent is"
                + " fresh (the far end hears a gap, not a latency that builds up)",
                String.format(Locale.ROOT, "%.1f", input.format().framesToMillis(frames)),
                String.format(Locale.ROOT, "%.1f", input.format().framesToMillis(total))));
    }

    /** Asks the loop to end after the current block; closing the input unblocks a pending read. */
    void stop() {
        running = false;
    }
}
