package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import java.util.PriorityQueue;
import java.util.function.LongUnaryOperator;

/**
 * A sender, a network and a playout clock in virtual time, for driving a {@link JitterBuffer}
 * as a real session would: block {@code k} is captured by {@code (k + 1)} block periods of the
 * sender's clock (which may run fast or slow by {@code skewPpm}), takes the delay the test
 * gives it, and the playout polls every block period of its own clock. Deterministic.
 */
final class VirtualLink {

    static final long SSRC = 42;
    static final int FIRST_SEQUENCE = 1000;
    static final long FIRST_TIMESTAMP = 5000;

    private final StreamFormat format;
    private final JitterBuffer buffer;
    private final WaitingSource source;
    private final long blockNanos;
    private final double senderPeriodNanos;
    private final PriorityQueue<long[]> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final short[] out;
    private long nextBlock;
    private long polls;
    private boolean silent;
    private final long startNanos = 1_000_000_000L;

    VirtualLink(StreamFormat format, JitterBuffer buffer, double skewPpm) {
        this(format, buffer, skewPpm, null);
    }

    /** A link whose packets are admitted to the buffer and kept, still "encoded", by {@code source}. */
    VirtualLink(StreamFormat format, JitterBuffer buffer, double skewPpm, WaitingSource source) {
        this.source = source;
        this.format = format;
        this.buffer = buffer;
        this.blockNanos = format.framesToNanos(format.blockFrames());
        this.senderPeriodNanos = blockNanos / (1 + skewPpm / 1e6);
        this.out = new short[format.samplesPerBlock()];
    }

    /**
     * Makes the sender send silence instead of {@link #sampleAt}: audio a cut may take by any
     * amount, so a test sees how far the buffer sheds, not what the audio allows.
     *
     * @return this link
     */
    VirtualLink silent() {
        silent = true;
        return this;
    }

    /** The sample the sender puts at frame {@code n}, channel {@code c}: never zero. */
    static short sampleAt(long n, int c) {
        return (short) (1 + Math.floorMod(n * 37 + c * 11, 30_000));
    }

    /** The interleaved samples of frames {@code [first, first + frames)}. */
    static short[] samples(long first, int frames, int channels) {
        short[] p = new short[frames * channels];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                p[i * channels + c] = sampleAt(first + i, c);
            }
        }
        return p;
    }

    /** Sends the next block with {@code delayNanos} of network delay, or drops it if negative. */
    void send(long delayNanos) {
        long k = nextBlock++;
        if (delayNanos >= 0) {
            long sentAt = startNanos + Math.round((k + 1) * senderPeriodNanos);
            inFlight.add(new long[] {sentAt + delayNanos, k});
        }
    }

    /** Sends {@code count} blocks, each with the delay {@code delay} gives for its number. */
    void send(int count, LongUnaryOperator delay) {
        for (int i = 0; i < count; i++) {
            send(delay.applyAsLong(nextBlock));
        }
    }

    /** @return the virtual time of the next poll */
    long nextPollNanos() {
        return startNanos + (polls + 1) * blockNanos;
    }

    /** Delivers every packet due by the next poll, then polls. */
    JitterBuffer.Playout poll() {
        long now = nextPollNanos();
        polls++;
        while (!inFlight.isEmpty() && inFlight.peek()[0] <= now) {
            long[] p = inFlight.poll();
            deliver(p[1], p[0]);
        }
        return buffer.poll(out, now);
    }

    /**
     * The playout stalls for {@code count} polls (a sound server's hiccup, a paused thread):
     * packets keep arriving, but nothing is played.
     */
    void stallPlayout(int count) {
        for (int i = 0; i < count; i++) {
            long now = nextPollNanos();
            polls++;
            while (!inFlight.isEmpty() && inFlight.peek()[0] <= now) {
                long[] p = inFlight.poll();
                deliver(p[1], p[0]);
            }
        }
    }

    /** Offers block {@code k} at {@code atNanos}, as the network would. */
    JitterBuffer.Offer deliver(long k, long atNanos) {
        int frames = format.blockFrames();
        if (source != null) {
            JitterBuffer.Offer outcome = buffer.admit(SSRC, (int) ((FIRST_SEQUENCE + k) & 0xFFFF),
                    (FIRST_TIMESTAMP + k * frames) & 0xFFFF_FFFFL, frames, atNanos);
            if (outcome == JitterBuffer.Offer.ACCEPTED || outcome == JitterBuffer.Offer.STARTED) {
                source.keep(k, atNanos);
            }
            return outcome;
        }
        short[] audio = silent ? new short[frames * format.channels()] : samples(k * frames, frames, format.channels());
        return buffer.offer(SSRC, (int) ((FIRST_SEQUENCE + k) & 0xFFFF),
                (FIRST_TIMESTAMP + k * frames) & 0xFFFF_FFFFL, audio, frames, atNanos);
    }

    /** @return the block the last poll produced */
    short[] out() {
        return out;
    }

    /** @return whether the last poll produced the sender's frames starting at {@code frame} */
    boolean playedFrom(long frame) {
        short[] expected = samples(frame, format.blockFrames(), format.channels());
        return java.util.Arrays.equals(expected, out);
    }

    /** @return the frame the sender's stream starts with in the last output, or -1 if not found nearby */
    long firstFrameOfOutput(long near, int radius) {
        for (long f = Math.max(0, near - radius); f <= near + radius; f++) {
            if (playedFrom(f)) {
                return f;
            }
        }
        return -1;
    }

    long blockNanos() {
        return blockNanos;
    }
}
