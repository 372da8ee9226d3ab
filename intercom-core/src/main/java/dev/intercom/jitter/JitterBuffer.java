package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import dev.intercom.rtp.SequenceNumbers;
import java.util.Arrays;

/**
 * The playout buffer: a preallocated power-of-two ring of frames indexed by extended RTP
 * timestamp ({@code ts & mask}), with a mark for each frame that has arrived. Packets of any
 * length land where their timestamp says, so blocks from other senders (a GStreamer payloader
 * fills the MTU) mix freely with ours.
 *
 * <p>The receive path calls {@link #offer} and the playout thread calls {@link #poll} once per
 * output block; both take the current time so tests drive the buffer in virtual time. Methods
 * are synchronized: the critical sections copy at most one packet and never block.
 *
 * <p>Life of a stream: the first packet starts <em>buffering</em>; once the frames from the
 * playout position to the newest frame reach the target, the buffer is <em>playing</em> and
 * every poll advances one block. Frames lost in a gap (later audio is already here) are
 * concealed and skipped; a packet whose frames are all behind the playout position is late and
 * dropped. When the buffer runs <em>dry</em> (nothing at all has arrived for the slot due: an
 * underrun), playout keeps concealing but holds its position and refills to the target before
 * it plays on from the oldest frame that arrived, so a stall restores the safety margin instead
 * of eating it for good, and an outage of lost packets is concealed once, not twice. If the
 * buffer stays dry for {@code idleAfterFrames} the stream is considered stopped and the buffer
 * goes <em>idle</em>; the next packet starts a new stream. A new SSRC, or a jump of the sequence number or
 * timestamp far outside the ring, is a <em>stray</em>; when strays keep coming as one
 * consecutive stream for {@code resyncAfterPackets} packets the buffer resynchronises onto it.
 *
 * <p>The delay is held at the target: if even the lowest fill level seen over a window of
 * playout exceeds the target by more than a block (a burst that arrived while filling, a sender
 * that stalled and caught up), that standing excess is not jitter but pure delay, and the
 * buffer skips it in one step, counted as a trim. A quiet skip once beats a conversation with
 * an extra 100 ms for ever; the adaptive buffer will do this by time-scaling instead.
 */
public final class JitterBuffer {

    /** What one {@link #poll} produced. */
    public enum Playout {
        /** No stream: the block is silence. */
        IDLE,
        /** Filling to the target: the block is silence. */
        BUFFERING,
        /** Every frame of the block arrived in time. */
        PLAYED,
        /** At least one frame of the block was concealed. */
        CONCEALED
    }

    /** What became of one offered packet. */
    public enum Offer { ACCEPTED, DUPLICATE, LATE, STRAY, RESYNC }

    private enum Phase { IDLE, BUFFERING, PLAYING }

    /** A sequence number this far ahead is a new stream, not loss (RFC 3550 MAX_DROPOUT). */
    private static final int MAX_SEQUENCE_JUMP_AHEAD = 3000;
    /** A sequence number this far behind is a new stream, not reordering. */
    private static final int MAX_SEQUENCE_JUMP_BEHIND = 1000;

    private final int channels;
    private final int blockFrames;
    private final int capacityFrames;
    private final long mask;
    private final int targetFrames;
    private final int idleAfterFrames;
    private final int resyncAfterPackets;
    private final Concealer concealer;

    private final short[] ring;
    private final boolean[] present;
    private final long[] arrivalNanos;
    private final boolean[] missingInBlock;
    private final short[] concealment;

    private final SequenceTracker sequences = new SequenceTracker();
    private final InterarrivalJitter jitter;

    private Phase phase = Phase.IDLE;
    private long ssrc;
    /** Extended timestamp of the next frame to play. */
    private long playTs;
    /** Extended timestamp one past the newest frame received; never below {@link #playTs}. */
    private long endTs;
    /** Filling back to the target after an underrun (as opposed to at the start of a stream). */
    private boolean refilling;
    private long dryFrames;
    private long lastWaitNanos = -1;

    private boolean strayActive;
    private long straySsrc;
    private int straySequence;
    private int strayRun;

    private long lostInEarlierStreams;
    private long receivedInEarlierStreams;
    private long late;
    private long duplicates;
    private long reordered;
    private long concealed;
    private long underruns;
    private long overflows;
    private long resyncs;
    private long strays;
    private long trims;
    private long trimmedFrames;

    /** Frames of playout over which the lowest fill level is watched. */
    private final int trimWindowFrames;
    private long windowPlayed;
    private long windowMinLevel = Long.MAX_VALUE;

    /**
     * @param format             the played stream's format; {@code blockFrames} is the poll size
     * @param targetFrames       frames to hold before playout starts: the buffering delay
     * @param capacityFrames     ring size, a power of two larger than the target plus a block
     * @param idleAfterFrames    dry frames after which the stream counts as stopped
     * @param resyncAfterPackets consecutive stray packets that make a new stream
     * @param concealer          fills frames that did not arrive in time
     */
    public JitterBuffer(StreamFormat format, int targetFrames, int capacityFrames,
            int idleAfterFrames, int resyncAfterPackets, Concealer concealer) {
        if (Integer.bitCount(capacityFrames) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityFrames);
        }
        if (targetFrames < 1 || targetFrames + format.blockFrames() > capacityFrames) {
            throw new IllegalArgumentException("target " + targetFrames
                    + " frames must be at least 1 and leave a block free in a ring of " + capacityFrames);
        }
        this.channels = format.channels();
        this.blockFrames = format.blockFrames();
        this.capacityFrames = capacityFrames;
        this.mask = capacityFrames - 1L;
        this.targetFrames = targetFrames;
        this.idleAfterFrames = idleAfterFrames;
        this.resyncAfterPackets = Math.max(1, resyncAfterPackets);
        this.concealer = concealer;
        this.ring = new short[capacityFrames * channels];
        this.present = new boolean[capacityFrames];
        this.arrivalNanos = new long[capacityFrames];
        this.missingInBlock = new boolean[blockFrames];
        this.concealment = new short[format.samplesPerBlock()];
        this.jitter = new InterarrivalJitter(format.sampleRate());
        // Long enough to see the buffer's low point through ordinary jitter, short enough that a
        // start-up burst or a refill after a stall costs at most a few tens of milliseconds.
        this.trimWindowFrames = Math.max(4 * targetFrames, format.sampleRate() / 20);
    }

    /** @return the largest packet, in frames, the ring can hold */
    public int capacityFrames() {
        return capacityFrames;
    }

    /** @return the buffering target in frames */
    public int targetFrames() {
        return targetFrames;
    }

    /**
     * Places one packet's frames by timestamp.
     *
     * @param packetSsrc the packet's SSRC
     * @param sequence   its 16-bit sequence number
     * @param timestamp  its 32-bit RTP timestamp (frames)
     * @param samples    interleaved samples, {@code frames * channels} of them from index 0
     * @param frames     frames in the packet, at most {@link #capacityFrames()}
     * @param nowNanos   arrival time
     * @return what became of the packet
     */
    public synchronized Offer offer(long packetSsrc, int sequence, long timestamp, short[] samples,
            int frames, long nowNanos) {
        Offer outcome = Offer.ACCEPTED;
        if (phase == Phase.IDLE) {
            startStream(packetSsrc, sequence, timestamp);
        } else if (isStray(packetSsrc, sequence, timestamp, frames)) {
            if (!continuesStrayRun(packetSsrc, sequence)) {
                strays++;
                return Offer.STRAY;
            }
            resyncs++;
            startStream(packetSsrc, sequence, timestamp);
            outcome = Offer.RESYNC;
        }
        strayActive = false;

        SequenceTracker.Arrival arrival = sequences.arrive(sequence);
        if (arrival == SequenceTracker.Arrival.DUPLICATE) {
            duplicates++;
            return Offer.DUPLICATE;
        }
        if (arrival == SequenceTracker.Arrival.REORDERED) {
            reordered++;
        }
        long start = extend(timestamp);
        jitter.arrive(start, nowNanos);
        long end = start + frames;

        boolean started = phase == Phase.PLAYING || refilling;
        if (started && end <= playTs) {
            late++;
            return Offer.LATE;
        }
        if (!started && start < playTs) {
            // An earlier packet overtaken before playout began: start from it instead.
            playTs = Math.max(start, endTs - capacityFrames);
        }
        if (end - playTs > capacityFrames) {
            advancePlayout(end - capacityFrames);
            overflows++;
        }
        store(Math.max(start, playTs), end, start, samples, nowNanos);
        if (end > endTs) {
            endTs = end;
        }
        if (phase == Phase.BUFFERING) {
            // After an underrun, resume from the oldest frame that did arrive: if the frames at
            // the held position were lost rather than delayed, they were concealed already.
            long resumeAt = refilling ? firstPresentFrom(playTs) : playTs;
            if (endTs - resumeAt >= targetFrames) {
                advancePlayout(resumeAt);
                phase = Phase.PLAYING;
                refilling = false;
                dryFrames = 0;
            }
        }
        return outcome;
    }

    /**
     * Fills one output block: the frames due now, with any that did not arrive concealed, or
     * silence while the buffer is idle or filling.
     *
     * @param block    receives {@code blockFrames * channels} interleaved samples
     * @param nowNanos the time the block is handed to the output
     * @return what the block holds
     */
    public synchronized Playout poll(short[] block, long nowNanos) {
        int samples = blockFrames * channels;
        lastWaitNanos = -1;
        if (phase == Phase.IDLE || (phase == Phase.BUFFERING && !refilling)) {
            Arrays.fill(block, 0, samples, (short) 0);
            return phase == Phase.IDLE ? Playout.IDLE : Playout.BUFFERING;
        }
        if (phase == Phase.PLAYING) {
            trimStandingDelay();
            if (endTs <= playTs) {
                underruns++;
                phase = Phase.BUFFERING;
                refilling = true;
                dryFrames = 0;
            }
        }
        if (refilling) {
            concealed++;
            concealer.conceal(block);
            dryFrames += blockFrames;
            if (dryFrames >= idleAfterFrames) {
                phase = Phase.IDLE;
                refilling = false;
            }
            return Playout.CONCEALED;
        }
        int missing = 0;
        long firstArrival = Long.MIN_VALUE;
        for (int f = 0; f < blockFrames; f++) {
            int slot = (int) ((playTs + f) & mask);
            if (present[slot]) {
                System.arraycopy(ring, slot * channels, block, f * channels, channels);
                present[slot] = false;
                if (firstArrival == Long.MIN_VALUE) {
                    firstArrival = arrivalNanos[slot];
                }
                missingInBlock[f] = false;
            } else {
                missingInBlock[f] = true;
                missing++;
            }
        }
        playTs += blockFrames;
        if (endTs < playTs) {
            endTs = playTs;
        }
        if (firstArrival != Long.MIN_VALUE) {
            lastWaitNanos = nowNanos - firstArrival;
        }
        if (missing == 0) {
            concealer.played(block);
            return Playout.PLAYED;
        }
        concealed++;
        if (missing == blockFrames) {
            concealer.conceal(block);
        } else {
            concealer.conceal(concealment);
            for (int f = 0; f < blockFrames; f++) {
                if (missingInBlock[f]) {
                    System.arraycopy(concealment, f * channels, block, f * channels, channels);
                }
            }
        }
        return Playout.CONCEALED;
    }

    /**
     * @return how long the first received frame of the last polled block waited in the buffer,
     *     in nanoseconds, or -1 if that block held no received frame
     */
    public synchronized long lastWaitNanos() {
        return lastWaitNanos;
    }

    /** @return whether playout has received frames still to play (false while idle, filling or dry) */
    public synchronized boolean hasAudioAhead() {
        return phase == Phase.PLAYING && endTs > playTs;
    }

    /** Copies the counters and state into {@code into}. */
    public synchronized void snapshot(JitterSnapshot into) {
        into.received = receivedInEarlierStreams + sequences.received();
        into.lost = lostInEarlierStreams + sequences.lost();
        into.late = late;
        into.duplicates = duplicates;
        into.reordered = reordered;
        into.concealed = concealed;
        into.underruns = underruns;
        into.overflows = overflows;
        into.resyncs = resyncs;
        into.strays = strays;
        into.trims = trims;
        into.trimmedFrames = trimmedFrames;
        into.jitterKnown = jitter.primed();
        into.jitterFrames = jitter.jitterUnits();
        into.bufferedFrames = phase == Phase.IDLE ? 0 : endTs - playTs;
        into.playing = phase == Phase.PLAYING;
    }

    private void startStream(long newSsrc, int sequence, long timestamp) {
        receivedInEarlierStreams += sequences.received();
        lostInEarlierStreams += sequences.lost();
        Arrays.fill(present, false);
        sequences.reset(sequence);
        jitter.reset();
        ssrc = newSsrc;
        // Keep the extended timestamp positive and far from zero so extension never underflows.
        playTs = timestamp + (1L << 32);
        endTs = playTs;
        refilling = false;
        dryFrames = 0;
        windowPlayed = 0;
        windowMinLevel = Long.MAX_VALUE;
        phase = Phase.BUFFERING;
    }

    /** Skips delay that stayed above the target for a whole window; see the class comment. */
    private void trimStandingDelay() {
        windowMinLevel = Math.min(windowMinLevel, endTs - playTs);
        windowPlayed += blockFrames;
        if (windowPlayed < trimWindowFrames) {
            return;
        }
        long excess = windowMinLevel - targetFrames;
        if (excess > blockFrames) {
            long skip = excess / blockFrames * blockFrames;
            advancePlayout(playTs + skip);
            trims++;
            trimmedFrames += skip;
        }
        windowPlayed = 0;
        windowMinLevel = Long.MAX_VALUE;
    }

    private boolean isStray(long packetSsrc, int sequence, long timestamp, int frames) {
        if (packetSsrc != ssrc) {
            return true;
        }
        int seqJump = sequences.distanceFromHighest(sequence);
        if (seqJump > MAX_SEQUENCE_JUMP_AHEAD || seqJump < -MAX_SEQUENCE_JUMP_BEHIND) {
            return true;
        }
        long start = extend(timestamp);
        return start >= playTs + 2L * capacityFrames || start + frames <= playTs - capacityFrames;
    }

    /** @return whether this stray continues the previous one long enough to resynchronise */
    private boolean continuesStrayRun(long packetSsrc, int sequence) {
        boolean continues = strayActive && packetSsrc == straySsrc
                && ((straySequence + 1) & 0xFFFF) == sequence;
        strayRun = continues ? strayRun + 1 : 1;
        strayActive = true;
        straySsrc = packetSsrc;
        straySequence = sequence;
        return strayRun >= resyncAfterPackets;
    }

    private long extend(long timestamp32) {
        return SequenceNumbers.extend(endTs, timestamp32);
    }

    private void store(long from, long end, long packetStart, short[] samples, long nowNanos) {
        for (long ts = from; ts < end; ts++) {
            int slot = (int) (ts & mask);
            System.arraycopy(samples, (int) (ts - packetStart) * channels, ring, slot * channels, channels);
            present[slot] = true;
            arrivalNanos[slot] = nowNanos;
        }
    }

    /** @return the timestamp of the first frame present at or after {@code from}, or {@link #endTs} */
    private long firstPresentFrom(long from) {
        for (long ts = from; ts < endTs; ts++) {
            if (present[(int) (ts & mask)]) {
                return ts;
            }
        }
        return endTs;
    }

    /** Drops every frame before {@code newPlayTs}. */
    private void advancePlayout(long newPlayTs) {
        long clearEnd = Math.min(newPlayTs, endTs);
        for (long ts = playTs; ts < clearEnd; ts++) {
            present[(int) (ts & mask)] = false;
        }
        playTs = newPlayTs;
        if (endTs < playTs) {
            endTs = playTs;
        }
    }
}
