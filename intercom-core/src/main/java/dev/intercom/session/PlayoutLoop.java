package dev.intercom.session;

import dev.intercom.audio.AudioOutput;
import dev.intercom.stats.SessionCounters;
import dev.intercom.time.NanoClock;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playout thread's work, clocked by the output: wait until the device has room for one
 * block, only then take that block from the jitter buffers through the {@link Mixer} (so it holds
 * the newest audio possible), and write it. Every slot gets a block: received, concealed or
 * silent. Just before each poll the datagrams waiting on a polled socket are taken, and each
 * peer's decoding gets its chance to fill its buffer (the stream-order decoding of a codec with
 * state, which must run on this thread).
 *
 * <p>A thread held up (a garbage collection, a busy machine) finds its slots overdue and plays
 * them back to back. On a {@linkplain AudioOutput#slotted() slotted} output those late blocks
 * are still heard in their slots, so before concealing one it gives the audio a moment to come:
 * everything on this machine was held up with us (our receive thread, and on loopback the
 * sender), and their catching up races ours. At most {@link #HELD_UP_GRACE_NANOS} per hold-up.
 */
final class PlayoutLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PlayoutLoop.class);

    /** How long one hold-up may wait in all for the audio its overdue blocks lack. */
    static final long HELD_UP_GRACE_NANOS = 25_000_000;
    /** How often a held-up poll looks again. */
    private static final long HELD_UP_STEP_NANOS = 250_000;

    private final AudioOutput output;
    private final Runnable takeArrivals;
    private final Mixer mixer;
    private final SessionCounters counters;
    private final NanoClock clock;
    private final FailureListener onFailure;
    private final short[] block;
    private volatile boolean running = true;
    /** Device underruns already passed on to the counters. */
    private long reportedUnderruns;
    private volatile boolean draining;
    /** A slot overdue by more than this means the thread was held up. */
    private final long heldUpNanos;
    /** What the current hold-up may still wait; refilled once the loop is back on time. */
    private long graceLeftNanos = HELD_UP_GRACE_NANOS;

    /**
     * @param takeArrivals takes the datagrams waiting on a socket that no thread receives on (one
     *                     clocked thread for both devices: see {@link ClockedLoop}), or does nothing
     */
    PlayoutLoop(AudioOutput output, Runnable takeArrivals, Mixer mixer, SessionCounters counters, NanoClock clock,
            FailureListener onFailure) {
        this.output = output;
        this.takeArrivals = takeArrivals;
        this.mixer = mixer;
        this.counters = counters;
        this.clock = clock;
        this.onFailure = onFailure;
        this.block = new short[output.format().samplesPerBlock()];
        this.heldUpNanos = Math.max(2_000_000, output.format().framesToNanos(output.format().blockFrames()));
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
        takeArrivals.run();
        mixer.beforePoll(now);
        if (output.slotted()) {
            room = awaitAudioAfterHoldUp(room, now);
        }
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

    /**
     * After a hold-up, waits (within the grace left) while the block due lacks audio.
     *
     * @return the time now, the block's new room time
     */
    private long awaitAudioAfterHoldUp(long room, long due) {
        if (room - due <= heldUpNanos) {
            graceLeftNanos = HELD_UP_GRACE_NANOS; // on time again: the next hold-up gets a whole grace
            return room;
        }
        long now = room;
        while (graceLeftNanos > 0 && running && mixer.awaitsAudio()) {
            LockSupport.parkNanos(HELD_UP_STEP_NANOS);
            long after = clock.nanoTime();
            graceLeftNanos -= after - now;
            now = after;
            takeArrivals.run();
            mixer.beforePoll(due);
        }
        return now;
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
