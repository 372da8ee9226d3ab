package dev.intercom.session;

import dev.intercom.audio.AudioOutput;
import dev.intercom.stats.SessionCounters;
import dev.intercom.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playout thread's work, clocked by the output: wait until the device has room for one
 * block, only then take that block from the jitter buffers through the {@link Mixer} (so it holds
 * the newest audio possible), and write it. Every slot gets a block: received, concealed or
 * silent. Just before each poll, each peer's decoding gets its chance to fill its buffer (the
 * stream-order decoding of a codec with state, which must run on this thread).
 */
final class PlayoutLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PlayoutLoop.class);

    private final AudioOutput output;
    private final Mixer mixer;
    private final SessionCounters counters;
    private final NanoClock clock;
    private final FailureListener onFailure;
    private final short[] block;
    private volatile boolean running = true;
    /** Device underruns already passed on to the counters. */
    private long reportedUnderruns;
    private volatile boolean draining;

    PlayoutLoop(AudioOutput output, Mixer mixer, SessionCounters counters, NanoClock clock,
            FailureListener onFailure) {
        this.output = output;
        this.mixer = mixer;
        this.counters = counters;
        this.clock = clock;
        this.onFailure = onFailure;
        this.block = new short[output.format().samplesPerBlock()];
    }

    @Override
    public void run() {
        try {
            while (playOne()) {
                // each block is paced by the output's clock
            }
        } catch (RuntimeException | Error e) {
            failed(e);
        }
    }

    /**
     * Waits until the output has room for one block, then decides that block and writes it: one
     * tick of the playout side.
     *
     * @return {@code false} once the loop was stopped, the output closed, or a drain played everything
     */
    boolean playOne() {
        if (!running || !output.awaitRoom()) {
            return false;
        }
        long room = clock.nanoTime();
        long now = output.blockDueNanos(room);
        mixer.beforePoll(now);
        if (draining && !mixer.hasAudioAhead()) {
            return false; // everything received has been played: end without concealing the silence after it
        }
        counters.playbackLatency(output.bufferedFrames());
        mixer.mix(block, now, room);
        counters.outputLevel().add(block, block.length);
        output.write(block);
        long underruns = output.deviceUnderruns();
        if (underruns != reportedUnderruns) {
            counters.deviceUnderruns(underruns - reportedUnderruns);
            reportedUnderruns = underruns;
        }
        return true;
    }

    /** Reports what ended the playout side, unless it was stopping anyway. */
    void failed(Throwable e) {
        if (running) {
            LOG.debug("playout failed", e);
            onFailure.failed(e instanceof RuntimeException r ? r
                    : new IllegalStateException("the playout thread failed: " + e, e));
        }
    }

    /** Asks the loop to end once it has played everything the buffer holds. */
    void drain() {
        draining = true;
    }

    /** Asks the loop to end after the current block. */
    void stop() {
        running = false;
    }
}
