package dev.intercom.session;

import dev.intercom.audio.AudioInput;
import dev.intercom.stats.SessionCounters;
import dev.intercom.time.NanoClock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
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
    /** Overrun frames already passed on to the counters. */
    private long reportedOverrunFrames;

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
            boolean first = true;
            while (running && input.read(block)) {
                if (first) {
                    first = false;
                    reportDiscarded(input.discardedFrames());
                }
                counters.captureLatency(input.bufferedFrames());
                long overrun = input.overrunFrames();
                if (overrun != reportedOverrunFrames) {
                    counters.captureOverrun(overrun - reportedOverrunFrames);
                    reportedOverrunFrames = overrun;
                }
                sink.accept(block, clock.nanoTime());
            }
        } catch (RuntimeException | Error e) {
            if (running) {
                LOG.debug("capture failed", e);
                onFailure.failed(e instanceof RuntimeException r ? r
                        : new IllegalStateException("the capture thread failed: " + e, e));
            }
        }
    }

    /** Logs the device's start-up backlog that was thrown away, from another thread. */
    private void reportDiscarded(long frames) {
        if (frames > 0) {
            double ms = input.format().framesToMillis(frames);
            CompletableFuture.runAsync(() -> LOG.info(
                    "input: discarded {} ms the device held before the first block, so the first packet is fresh",
                    String.format(Locale.ROOT, "%.1f", ms)));
        }
    }

    /** Asks the loop to end after the current block; closing the input unblocks a pending read. */
    void stop() {
        running = false;
    }
}
