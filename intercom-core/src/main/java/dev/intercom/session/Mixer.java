package dev.intercom.session;

import dev.intercom.jitter.JitterBuffer;
import dev.intercom.stats.SessionCounters;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The playout side of every remote stream: each block, each peer's jitter buffer gives its block
 * (played, concealed or silent), and the mixer adds them into the one block the output plays.
 * The sum saturates at full scale instead of wrapping around, and every saturated sample is
 * counted ({@link SessionCounters#mixLimited}), so a party that is too loud shows in the
 * statistics rather than as crackle. A peer whose buffer is idle or still filling adds nothing
 * and costs only its poll. With one peer its block is the output, untouched (bit-exact L16).
 * Runs on the playout thread; allocates nothing per block.
 */
final class Mixer {

    /**
     * One peer's playout.
     *
     * @param buffer     its jitter buffer
     * @param beforePoll fills the buffer just before each poll (stream-order decoding of Opus), or does nothing
     * @param counters   where its waiting time and level are counted
     */
    record Input(JitterBuffer buffer, LongConsumer beforePoll, SessionCounters counters) {
    }

    private final Input[] inputs;
    private final SessionCounters session;
    /** One peer's block before mixing, and the running sum in 32 bits (eight peers cannot overflow it). */
    private final short[] peerBlock;
    private final int[] sum;

    /**
     * @param inputs          the peers, at least one
     * @param session         where saturated samples are counted
     * @param samplesPerBlock samples of one output block (frames times channels)
     */
    Mixer(List<Input> inputs, SessionCounters session, int samplesPerBlock) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a mixer needs at least one input");
        }
        this.inputs = inputs.toArray(new Input[0]);
        this.session = session;
        this.peerBlock = new short[samplesPerBlock];
        this.sum = new int[samplesPerBlock];
    }

    /** Gives each peer's decoding its chance to fill the buffer before the poll at {@code nowNanos}. */
    void beforePoll(long nowNanos) {
        for (Input input : inputs) {
            input.beforePoll().accept(nowNanos);
        }
    }

    /**
     * @return whether a playing peer's next block still lacks audio that has not arrived (a
     *     peer that went silent stops counting once its buffer goes idle)
     */
    boolean awaitsAudio() {
        for (Input input : inputs) {
            if (input.buffer().awaitsAudio()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether any peer's buffer still holds audio that was received and not played */
    boolean hasAudioAhead() {
        for (Input input : inputs) {
            if (input.buffer().hasAudioAhead()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills {@code block} with the mix of every peer's block due at {@code nowNanos}.
     *
     * @param roomNanos when the output had room for the block: a played block's wait ends then
     */
    void mix(short[] block, long nowNanos, long roomNanos) {
        if (inputs.length == 1) {
            playOne(inputs[0], block, nowNanos, roomNanos);
            return;
        }
        java.util.Arrays.fill(sum, 0);
        for (Input input : inputs) {
            JitterBuffer.Playout played = playOne(input, peerBlock, nowNanos, roomNanos);
            if (played == JitterBuffer.Playout.IDLE || played == JitterBuffer.Playout.BUFFERING) {
                continue; // silence: nothing to add
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += peerBlock[i];
            }
        }
        int limited = 0;
        for (int i = 0; i < sum.length; i++) {
            int s = sum[i];
            if (s > Short.MAX_VALUE) {
                s = Short.MAX_VALUE;
                limited++;
            } else if (s < Short.MIN_VALUE) {
                s = Short.MIN_VALUE;
                limited++;
            }
            block[i] = (short) s;
        }
        if (limited > 0) {
            session.mixLimited(limited);
        }
    }

    /** Polls one peer's buffer into {@code into} and counts its waiting time and level. */
    private static JitterBuffer.Playout playOne(Input input, short[] into, long nowNanos, long roomNanos) {
        JitterBuffer.Playout played = input.buffer().poll(into, nowNanos);
        long waited = input.buffer().lastWaitNanos();
        if (played == JitterBuffer.Playout.PLAYED && waited >= 0) {
            // The block waits until it is written (now), not until the time it is due at: a
            // server that drains several blocks at once takes it that much early.
            input.counters().bufferWait(waited + roomNanos - nowNanos);
        }
        input.counters().streamLevel().add(into, into.length);
        return played;
    }
}
