package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import dev.intercom.rtp.SequenceNumbers;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * The playout buffer: a preallocated power-of-two ring of frames indexed by extended RTP
 * timestamp ({@code ts & mask}), with a mark for each frame that has arrived. Packets of any
 * length land where their timestamp says, so blocks from other senders (a GStreamer payloader
 * fills the MTU) mix freely with ours.
 *
 * <p>The receive path calls {@link #offer} and the playout thread calls {@link #poll} once per
 * output block; both take the current time, so tests and the trace simulator drive the buffer
 * in virtual time. Methods are synchronized: the critical sections copy at most one packet and
 * never block.
 *
 * <p><b>Delay.</b> The <em>playout delay</em> is how long after the fastest possible arrival a
 * frame is played: now minus the position being played minus the smallest recent transit
 * time. A {@link TargetPolicy} sets the delay to aim at (fixed, or a quantile of recent packet
 * delays), and the {@link DecisionLogic} holds it there with one {@link PlayoutOperation} per
 * block, NetEQ's way: the ring is read a whole block at a time into a {@link SyncBuffer}, and
 * the {@link TimeScaler} removes (accelerate) or repeats (preemptive expand) whole pitch
 * periods there, or quiet audio, so pitch never moves. Near the target nothing is done and a
 * clean stream plays bit-exact. A surplus must last {@link DecisionLogic#WINDOW_SECONDS} s (the
 * minimum of the delay over that window) before it is shed; a large lasting surplus (the
 * backlog of a stall) and any delay above the ceiling ({@code --jitter-max}) are dropped at
 * once on a packet boundary, cross-faded by the concealer. A deficit that no expand can fill
 * is met by stretching: a block is concealed and the read position held.
 *
 * <p><b>Life of a stream.</b> The first packet starts <em>buffering</em>; playout starts when
 * the first frame has waited the target. Then every poll reads one output block. Frames lost in
 * a gap (later audio is already here) are concealed and skipped; a packet whose frames are all
 * behind the read position is late and dropped. When nothing at all is there to play (an
 * underrun) the block is concealed and the read position held, so the delay grows by the stall
 * instead of audio being thrown away; when the stream comes back, playout resumes at the oldest
 * frame that arrived (an outage of lost packets is concealed once, not twice). A stream dry for
 * {@code idleAfterFrames} has stopped: the buffer goes <em>idle</em> and the next packet starts
 * afresh. A new SSRC, or a jump of the sequence number or timestamp far outside the ring, is a
 * <em>stray</em>; when strays keep coming as one consecutive stream for {@code resyncAfterPackets}
 * packets the buffer resynchronises onto it.
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
    public enum Offer {
        /** Taken: its frames are stored (or, {@link #admit}ted, will be asked of the frame source). */
        ACCEPTED,
        /** Taken as the first packet of a stream after none (the session's first, or after a pause). */
        STARTED,
        /** Seen before: dropped. */
        DUPLICATE,
        /** Its frames were already due: dropped. */
        LATE,
        /** Not of the stream played (another SSRC, or far from it): dropped. */
        STRAY,
        /** Taken as the first packet of a new stream that replaces the one played. */
        RESYNC
    }

    private enum Phase { IDLE, BUFFERING, PLAYING }

    /**
     * A stream's first timestamp is extended to {@code ts + EXTENDED_TIMESTAMP_BASE}, keeping
     * extended timestamps positive: {@link #readPosition()} minus this is a position in the
     * stream's own 32-bit timestamps (for streams shorter than 2^31 frames).
     */
    public static final long EXTENDED_TIMESTAMP_BASE = 1L << 32;

    /** An accelerate or expand of N frames waits for N / this many frames of playout before the next: at most 20% faster or slower. */
    private static final double MAX_STRETCH_RATE = 0.2;
    /**
     * A small surplus (see {@link DecisionLogic#isLarge}) is shed gradually: the next accelerate
     * after one of N frames waits for N / this many frames of playout (at most 5% faster than
     * real time), and one cuts at most {@link #SHED_SHARE_PER_CUT} of the surplus (or one period
     * of the audio, if more). A target that falls and then rises again with the next burst of
     * jitter finds most of the delay still there, where a surplus cut at once came back as late
     * packets and an expand. A large one is cut at once, at up to {@link #MAX_STRETCH_RATE}.
     */
    private static final double MAX_SHED_RATE = 0.05;
    /** The share of the surplus one accelerate cuts at most. */
    private static final double SHED_SHARE_PER_CUT = 0.25;
    /**
     * A dry spell that began at most this long before the sender's BYE arrived, with no packet
     * since, was the stream's end, not an outage. The peer sends its BYE as it stops, and RTCP is
     * read every 100 ms; packets lost just before a BYE that came later still count.
     */
    static final long END_GRACE_NANOS = 500_000_000L;
    /** After an accelerate or expand the audio allowed none, the next try waits this long. */
    private static final double RETRY_SECONDS = 0.01;
    /**
     * Audio that has allowed no seamless accelerate or expand for this long (music, noise) is
     * cut or repeated at its best-matching lag anyway: a surplus or deficit must not last.
     */
    private static final double FORCE_AFTER_SECONDS = 0.1;
    /**
     * After an accelerate the audio refused because its period is longer than the surplus
     * (a 440 Hz tone is cut by 218 frames, two periods above the shortest lag), so long before
     * asking again: forcing would not help, and reading ahead and searching every 10 ms would
     * cost the playout thread for as long as the surplus stays.
     */
    private static final double PERIOD_ABOVE_SURPLUS_RETRY_SECONDS = 0.5;

    private final int channels;
    private final int blockFrames;
    private final int sampleRate;
    private final int capacityFrames;
    private final int idleAfterFrames;
    /** The largest backlog behind the target that is played out (and shed) after an underrun. */
    private final int maxBacklogFrames;
    private final Concealer concealer;
    private final DelayManager delay;
    private final DecisionLogic decisions;
    private final TimeScaler scaler;
    private final SyncBuffer sync;
    private final SkewEstimator skew;
    private final int retryFrames;
    /** How far ahead of what the sequence numbers account for a packet may start: 100 ms. */
    private final int probationSlackFrames;
    private final StartupListen startup;
    private final int forceAfterFrames;

    private final FrameStore ring;
    private final FrameStore.Read read = new FrameStore.Read();
    private final boolean[] missingInBlock;
    /** Frames of the block being read that the frame source's codec concealed. */
    private int syntheticInBlock;
    /** One block read from the ring, on its way into the sync buffer. */
    private final short[] pulled;

    private final StreamTracker streams;
    /** Decodes admitted packets when their frames are read; null when packets come with their samples. */
    private final FrameSource source;
    private final FrameSource.Output decodedInto = this::storeDecoded;
    private final InterarrivalJitter jitter;

    private Phase phase = Phase.IDLE;
    /** Extended timestamp of the next frame to read from the ring into the sync buffer. */
    private long readPos;
    /** Extended timestamp one past the newest frame received; never below the whole frame being read. */
    private long endTs;
    /** Extended timestamp of the oldest frame still kept (the oldest received, while buffering). */
    private long firstTs;
    /** Frames in the stream's first packet: the sender's packet size, to align reads with. */
    private int firstPacketFrames;
    /** A packet boundary of the stream: reads start on {@code gridOrigin + k * firstPacketFrames}. */
    private long gridOrigin;
    /** The lowest frame stored since the buffer ran dry (nothing ahead was present then). */
    private long oldestSinceDry = Long.MAX_VALUE;
    /** Every frame before this one has been played or dropped, and its mark cleared. */
    private long consumedUpTo;
    private boolean dry;
    private long dryFrames;
    /**
     * Delay our own underrun holds added and the stream has not shed yet: owed to the listener
     * however small (see {@link DecisionLogic#decide}), as the network never asked for it.
     */
    private double owedFrames;
    /**
     * The sender said it left (an RTCP BYE naming the stream): once what it sent has been played,
     * the stream ends there, faded out and not concealed as an outage until it goes idle.
     */
    private boolean senderLeft;
    /** This poll fades out the end of a stream whose sender left: not a concealment. */
    private boolean endingThisPoll;
    /** The end of the stream whose sender left has been faded out: the next poll is idle. */
    private boolean fadedOut;
    /**
     * When the dry spell counted last began, while a BYE may still show it was the stream's end
     * ({@link #END_GRACE_NANOS}); {@link Long#MIN_VALUE} when there is none to take back.
     */
    private long spellSinceNanos = Long.MIN_VALUE;
    /** Blocks concealed in that spell. */
    private long concealedThisSpell;
    private long lastWaitNanos = -1;
    /** The stream position of the first frame the last poll played, or NaN if it played none it read. */
    private double lastReadFrom = Double.NaN;
    /** The most frames the accelerate under way may cut (for {@link #chooseCut}). */
    private int cutAtMost;
    /** The share of the surplus the accelerate under way should cut (for {@link #chooseCut}). */
    private int shedThisCut;
    /** The frames the expand under way was asked for (for {@link #chooseInsert}). */
    private int insertWanted;
    private final int periodAboveSurplusRetryFrames;
    /** Frames to play before an accelerate is tried again after the period was above the surplus. */
    private long accelerateWaitFrames;
    /** Whether the last cut chosen was refused because the audio's unit is above what may be cut. */
    private boolean periodAboveSurplus;
    private final IntBinaryOperator cutChooser = this::chooseCut;
    private final IntBinaryOperator insertChooser = this::chooseInsert;
    /** Frames to play before the next accelerate or expand. */
    private long stretchWaitFrames;
    /** Frames played since the audio first refused the accelerate or expand asked for; -1 if it has not. */
    private long refusedForFrames = -1;
    /** Whether the poll under way concealed (or played codec-concealed) frames, or held. */
    private boolean concealedThisPoll;
    /** Whether the last frame played was concealed. */
    private boolean lastFrameConcealed;
    private boolean heldThisPoll;


    private long late;
    private long duplicates;
    private long reordered;
    private long concealed;
    private long stretched;
    private long accelerated;
    private long expanded;
    private long droppedFrames;
    private long underruns;
    private long overflows;
    private long recovered;

    /**
     * @param format             the played stream's format; {@code blockFrames} is the poll size
     * @param targetPolicy       the playout delay to aim at
     * @param capacityFrames     ring size, a power of two, larger than the largest target plus a block
     * @param idleAfterFrames    dry frames after which the stream counts as stopped
     * @param resyncAfterPackets consecutive stray packets that make a new stream
     * @param concealer          fills frames that did not arrive in time
     */
    public JitterBuffer(StreamFormat format, TargetPolicy targetPolicy, int capacityFrames,
            int idleAfterFrames, int resyncAfterPackets, Concealer concealer) {
        this(format, targetPolicy, capacityFrames, idleAfterFrames, resyncAfterPackets, concealer,
                capacityFrames - 2 * format.blockFrames());
    }

    /**
     * @param format             the played stream's format; {@code blockFrames} is the poll size
     * @param targetPolicy       the playout delay to aim at
     * @param capacityFrames     ring size, a power of two, larger than the largest target plus a block
     * @param idleAfterFrames    dry frames after which the stream counts as stopped
     * @param resyncAfterPackets consecutive stray packets that make a new stream
     * @param concealer          fills frames that did not arrive in time
     * @param ceilingFrames      the highest playout delay ({@code --jitter-max}); above it (or
     *                           four blocks above the target, where the target comes that
     *                           close to it) the oldest audio is dropped at once
     */
    public JitterBuffer(StreamFormat format, TargetPolicy targetPolicy, int capacityFrames,
            int idleAfterFrames, int resyncAfterPackets, Concealer concealer, double ceilingFrames) {
        this(format, targetPolicy, capacityFrames, idleAfterFrames, resyncAfterPackets, concealer, ceilingFrames, 0);
    }

    /**
     * @param format             the played stream's format; {@code blockFrames} is the poll size
     * @param targetPolicy       the playout delay to aim at
     * @param capacityFrames     ring size, a power of two, larger than the largest target plus a block
     * @param idleAfterFrames    dry frames after which the stream counts as stopped
     * @param resyncAfterPackets consecutive stray packets that make a new stream
     * @param concealer          fills frames that did not arrive in time
     * @param ceilingFrames      the highest playout delay ({@code --jitter-max})
     * @param startupNanos       how long the session's first stream is listened to before it is
     *                           played: its first packets come slower than the rest (the
     *                           sender's and our code are still being compiled, a capture
     *                           device drains what it held), and playing from the fastest of
     *                           them leaves no surplus to shed audibly; while the fastest
     *                           transit keeps falling, up to twice as long
     */
    public JitterBuffer(StreamFormat format, TargetPolicy targetPolicy, int capacityFrames,
            int idleAfterFrames, int resyncAfterPackets, Concealer concealer, double ceilingFrames,
            long startupNanos) {
        this(format, targetPolicy, capacityFrames, idleAfterFrames, resyncAfterPackets, concealer, ceilingFrames,
                startupNanos, null);
    }

    /**
     * As the constructor before, for a stream whose packets are {@link #admit}ted and decoded
     * by {@code source} when their audio is about to be read.
     *
     * @param source decodes the admitted packets in stream order (null: every packet is
     *               {@link #offer}ed with its samples)
     */
    public JitterBuffer(StreamFormat format, TargetPolicy targetPolicy, int capacityFrames,
            int idleAfterFrames, int resyncAfterPackets, Concealer concealer, double ceilingFrames,
            long startupNanos, FrameSource source) {
        if (Integer.bitCount(capacityFrames) != 1 || capacityFrames < 4 * format.blockFrames()) {
            throw new IllegalArgumentException("capacity must be a power of two of at least four blocks: "
                    + capacityFrames);
        }
        this.channels = format.channels();
        this.blockFrames = format.blockFrames();
        this.sampleRate = format.sampleRate();
        this.capacityFrames = capacityFrames;
        this.idleAfterFrames = idleAfterFrames;
        this.maxBacklogFrames = Math.max(4 * blockFrames, format.sampleRate() / 50);
        this.streams = new StreamTracker(resyncAfterPackets);
        this.concealer = concealer;
        this.source = source;
        long blockNanos = format.framesToNanos(blockFrames);
        this.delay = new DelayManager(sampleRate, format.framesToMillis(capacityFrames), targetPolicy, blockNanos);
        this.scaler = new TimeScaler(sampleRate);
        this.decisions = new DecisionLogic(blockFrames, sampleRate, ceilingFrames, scaler.minPeriod());
        // The future holds what one accelerate looks ahead at (a period and its fade) plus a block,
        // and what one expand adds: at most a period.
        this.sync = new SyncBuffer(channels, scaler.historyFrames(), 3 * scaler.maxPeriod() + 3 * blockFrames);
        this.skew = new SkewEstimator(sampleRate);
        this.retryFrames = (int) Math.round(RETRY_SECONDS * sampleRate);
        this.probationSlackFrames = sampleRate / 10;
        this.startup = new StartupListen(startupNanos, sampleRate);
        this.forceAfterFrames = (int) Math.round(FORCE_AFTER_SECONDS * sampleRate);
        this.periodAboveSurplusRetryFrames = (int) Math.round(PERIOD_ABOVE_SURPLUS_RETRY_SECONDS * sampleRate);
        this.ring = new FrameStore(channels, capacityFrames);
        this.missingInBlock = new boolean[blockFrames];
        this.pulled = new short[format.samplesPerBlock()];
        this.jitter = new InterarrivalJitter(sampleRate);
    }

    /** A buffer with a fixed target of {@code targetFrames}. */
    public JitterBuffer(StreamFormat format, int targetFrames, int capacityFrames,
            int idleAfterFrames, int resyncAfterPackets, Concealer concealer) {
        this(format, TargetPolicy.fixed(targetFrames), capacityFrames, idleAfterFrames, resyncAfterPackets, concealer);
    }

    /** @return the largest packet, in frames, the ring can hold */
    public int capacityFrames() {
        return capacityFrames;
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
        if (samples == null) {
            throw new NullPointerException("samples");
        }
        return arrive(packetSsrc, sequence, timestamp, samples, frames, nowNanos);
    }

    /**
     * Takes a packet whose audio is not decoded yet: it is judged as {@link #offer} judges a
     * packet (late, duplicate, stray, a new stream) and its arrival steers the playout as any
     * packet's does, but its frames are asked of the frame source when they are about to be
     * read. Only for a buffer built with a {@link FrameSource}.
     *
     * @param packetSsrc the packet's SSRC
     * @param sequence   its 16-bit sequence number
     * @param timestamp  its 32-bit RTP timestamp (frames)
     * @param frames     frames it holds
     * @param nowNanos   arrival time
     * @return what became of it: {@link Offer#ACCEPTED}, {@link Offer#STARTED} and
     *     {@link Offer#RESYNC} mean that the source is to keep it (and, for the latter two,
     *     follow the stream that begins with it)
     */
    public synchronized Offer admit(long packetSsrc, int sequence, long timestamp, int frames, long nowNanos) {
        if (source == null) {
            throw new IllegalStateException("this buffer takes samples: offer them");
        }
        return arrive(packetSsrc, sequence, timestamp, null, frames, nowNanos);
    }

    /**
     * Has the frame source decode, in stream order, the admitted packets that follow on from
     * what it decoded last, up to the first one missing: their frames are then ready whenever
     * they are wanted, and the decoding is spread over the arrivals instead of bunched where a
     * start or a skip asks for many at once. A missing packet still waits until its frames are
     * read (its FEC copy may come with the next packet).
     */
    public synchronized void decodeWaiting() {
        if (phase != Phase.IDLE) {
            decodeUpTo(endTs, FrameSource.Missing.WAIT);
        }
    }

    /**
     * Counts a packet that was {@link #admit}ted but that the frame source could no longer
     * decode (its place in the stream was already decoded without it): it came too late.
     */
    public synchronized void countLate() {
        late++;
    }

    /** {@link #offer}, or with {@code samples == null} {@link #admit}. */
    private Offer arrive(long packetSsrc, int sequence, long timestamp, short[] samples, int frames, long nowNanos) {
        Offer outcome = Offer.ACCEPTED;
        if (frames <= 0) {
            throw new IllegalArgumentException("a packet holds at least one frame: " + frames);
        }
        if (phase == Phase.IDLE) {
            startup.arrived(nowNanos);
            startStream(packetSsrc, sequence, timestamp);
            firstPacketFrames = frames;
            decisions.packetFrames(frames);
            outcome = Offer.STARTED;
        } else if (isStray(packetSsrc, sequence, timestamp, frames)) {
            if (!streams.stray(packetSsrc, sequence)) {
                return Offer.STRAY;
            }
            startStream(packetSsrc, sequence, timestamp);
            firstPacketFrames = frames;
            decisions.packetFrames(frames);
            outcome = Offer.RESYNC;
        }

        SequenceTracker.Arrival arrival = streams.arrive(sequence);
        if (arrival == SequenceTracker.Arrival.DUPLICATE) {
            duplicates++;
            return Offer.DUPLICATE;
        }
        if (arrival == SequenceTracker.Arrival.REORDERED) {
            reordered++;
        }
        long start = extend(timestamp);
        jitter.arrive(start, nowNanos);
        skew.arrived(start, nowNanos);
        if (!dry) {
            // Packets that end an underrun arrived after a stall the hold already absorbed: they
            // say nothing about the jitter a target must cover, and would keep the delay high.
            delay.arrived(start, nowNanos);
        }
        long end = start + frames;

        if (phase == Phase.BUFFERING) {
            if (start < firstTs) {
                // An earlier packet overtaken before playout began: start from it instead.
                firstTs = Math.max(start, endTs - capacityFrames);
                consumedUpTo = Math.min(consumedUpTo, firstTs);
            }
        } else if (end <= readPos) {
            late++;
            return Offer.LATE;
        } else if (start < readPos && samples != null) {
            // Its first frames were due before it came and were concealed (a block that straddles
            // two packets reads on into one not here yet); the rest still plays. Late all the
            // same: a relay's 8 ms spikes concealed a block each with nothing counted late. (An
            // admitted packet is judged when it is decoded: DecodeInStreamOrder counts it.)
            late++;
        }
        if (end - consumedUpTo > capacityFrames) {
            dropBefore(end - capacityFrames);
            if (phase == Phase.PLAYING) {
                overflows++; // before playout starts only what it would skip is dropped: nothing is lost
            }
        }
        if (samples != null) {
            store(Math.max(start, consumedUpTo), end, start, samples, nowNanos);
        } else if (dry) {
            oldestSinceDry = Math.min(oldestSinceDry, Math.max(start, consumedUpTo)); // as store() notes it
        }
        if (end > endTs) {
            endTs = end;
            senderLeft = false; // the stream goes on: the BYE overtook it, or was not its sender's
            fadedOut = false;
        }
        return outcome;
    }

    /**
     * The sender of {@code ssrc} left (RTCP BYE). If that is the stream playing, it ends once
     * what arrived has been played: the block that reaches past its end fades out, and the buffer
     * goes idle, with no underrun and no concealment counted. If the buffer already ran dry at the
     * stream's end (the BYE is read after a low target's worth of delay), that dry spell's
     * underrun and concealed blocks are taken back: the concealment was the end's fade. Before,
     * every session the peer ended first counted an underrun and the concealed blocks until idle.
     * A packet that carries the stream on after the BYE (one overtaken by it) takes it back.
     *
     * @param arrivalNanos when the BYE arrived
     */
    public synchronized void senderLeft(long ssrc, long arrivalNanos) {
        if (ssrc != streams.ssrc()) {
            return;
        }
        if (spellSinceNanos != Long.MIN_VALUE && arrivalNanos - spellSinceNanos <= END_GRACE_NANOS) {
            underruns--;
            concealed -= concealedThisSpell;
            spellSinceNanos = Long.MIN_VALUE;
            concealedThisSpell = 0;
        }
        if (phase != Phase.IDLE) {
            senderLeft = true;
        }
    }

    /**
     * Counts a packet dropped on its way to this buffer because the queue in front of it was
     * full (the playout thread stalled): audio lost for want of room, like the ring's own overflow.
     */
    public synchronized void overflowedUpstream() {
        overflows++;
    }

    /** Stores what the frame source decoded, where it belongs and is not played yet. */
    private void storeDecoded(long timestamp, short[] samples, int frames, FrameSource.Kind kind, long arrivalNanos) {
        long start = extend(timestamp);
        long from = Math.max(start, consumedUpTo);
        long end = Math.min(start + frames, consumedUpTo + capacityFrames);
        if (from >= end) {
            return; // decoded only to keep the decoder in step: its place was played or skipped
        }
        if (dry) {
            oldestSinceDry = Math.min(oldestSinceDry, from); // as store() notes it
        }
        switch (kind) {
            case RECEIVED -> ring.store(from, end, start, samples, arrivalNanos);
            case RECOVERED -> recovered += ring.storeInGaps(from, end, start, samples, false, arrivalNanos) ? 1 : 0;
            case CONCEALED -> ring.storeInGaps(from, end, start, samples, true, arrivalNanos);
        }
        endTs = Math.max(endTs, end);
    }

    /**
     * Has the frame source decode what is needed before {@code upTo}.
     *
     * @param missing what to do with a missing packet among them
     */
    private void decodeUpTo(long upTo, FrameSource.Missing missing) {
        if (source != null) {
            // Extended timestamps are the RTP timestamps plus whole multiples of 2^32.
            source.produce(readPos & 0xFFFF_FFFFL, upTo & 0xFFFF_FFFFL, missing, decodedInto);
        }
    }

    /**
     * Fills one output block: the audio due now, after the one operation the decision logic
     * chose for it (play as it is, accelerate, expand, or drop a surplus), with any frames that
     * did not arrive concealed; or silence while the buffer is idle or filling.
     *
     * @param block    receives {@code blockFrames * channels} interleaved samples
     * @param nowNanos the time the block is handed to the output
     * @return what the block holds
     */
    public synchronized Playout poll(short[] block, long nowNanos) {
        lastWaitNanos = -1;
        lastReadFrom = Double.NaN;
        if (phase == Phase.BUFFERING) {
            delay.retarget(nowNanos);
            startPlayingWhenDue(nowNanos);
        }
        if (phase != Phase.PLAYING) {
            Arrays.fill(block, 0, blockFrames * channels, (short) 0);
            return phase == Phase.IDLE ? Playout.IDLE : Playout.BUFFERING;
        }
        delay.retarget(nowNanos);
        if (fadedOut) { // set only while the sender has left, and cleared with it
            phase = Phase.IDLE; // everything the sender sent before it left has been played
            Arrays.fill(block, 0, blockFrames * channels, (short) 0);
            return Playout.IDLE;
        }
        concealedThisPoll = false;
        endingThisPoll = false;
        heldThisPoll = false;
        syntheticInBlock = 0;
        if (!dry && (endTs > readPos || sync.futureFrames() > 0)) {
            // A block that straddles two of the sender's packets needs the later one when it is
            // played: its margin for late packets is that much less than its delay.
            delay.measured(nowFrames(nowNanos) - playedPosition() - delay.minTransitFrames(),
                    straddle(playedPosition()), nowNanos);
            operate(nowNanos);
        }
        while (sync.futureFrames() < blockFrames) {
            // Only what this block plays is read now: a frame read early would have to arrive early.
            pull(blockFrames - sync.futureFrames(), nowNanos);
        }
        if (!heldThisPoll) {
            lastReadFrom = playedPosition();
        }
        int missing = sync.take(block, missingInBlock, blockFrames);
        conceal(block, missing);
        if (endingThisPoll) {
            fadeOutFromFirstMissing(block);
            fadedOut = true;
        }
        sync.replacePlayed(block, blockFrames);
        stretchWaitFrames = Math.max(0, stretchWaitFrames - blockFrames);
        accelerateWaitFrames = Math.max(0, accelerateWaitFrames - blockFrames);
        return concealedThisPoll ? Playout.CONCEALED : Playout.PLAYED;
    }

    /**
     * Hands the block to the concealer run by run: received runs are remembered (and blended
     * into after a loss), missing runs are filled with a continuation of the frame just before
     * them, so every seam inside a block continues the waveform it follows.
     */
    private void conceal(short[] block, int missing) {
        lastFrameConcealed = missing > 0 && missingInBlock[blockFrames - 1];
        if ((missing > 0 || syntheticInBlock > 0) && !endingThisPoll) {
            concealed++; // syntheticInBlock: the codec concealed these frames before they were due
            concealedThisPoll = true;
            if (dry && spellSinceNanos != Long.MIN_VALUE) {
                concealedThisSpell++;
            }
        }
        for (int from = 0; from < blockFrames; ) {
            boolean gap = missingInBlock[from];
            int to = from + 1;
            while (to < blockFrames && missingInBlock[to] == gap) {
                to++;
            }
            if (gap) {
                concealer.conceal(block, from, to - from);
            } else {
                concealer.played(block, from, to - from);
            }
            from = to;
        }
    }

    /**
     * Ramps the block from its first missing frame down to silence, so that the stream's end
     * (what the concealer continued past it) does not jump to the silence after it.
     */
    private void fadeOutFromFirstMissing(short[] block) {
        int from = 0;
        while (from < blockFrames && !missingInBlock[from]) {
            from++;
        }
        int length = blockFrames - from;
        for (int f = from; f < blockFrames; f++) {
            double gain = (double) (blockFrames - f) / (length + 1);
            for (int c = 0; c < channels; c++) {
                block[f * channels + c] = (short) Math.round(block[f * channels + c] * gain);
            }
        }
    }

    /** Decides what to do with the audio about to be played, and does it. */
    private void operate(long nowNanos) {
        double lastingDelay = delay.lasting(nowNanos);
        double margin = delay.margin();
        double delayNow = delay.now();
        double targetFrames = delay.target();
        double recentTarget = delay.recentTarget();
        // Only where every block straddles alike (the sender's packets are our blocks) does a cut
        // within the straddle leave the margin where it was; with larger packets the blocks that
        // cross a packet's end are part of its cycle, and cutting there would only move it.
        double free = firstPacketFrames == blockFrames ? straddle(playedPosition()) : 0;
        PlayoutOperation operation = decisions.decide(delayNow, lastingDelay, margin, targetFrames, recentTarget,
                owedFrames, free, stretchWaitFrames == 0);
        switch (operation) {
            case DROP -> drop(delayNow > decisions.ceilingFrames(targetFrames) ? delayNow - targetFrames
                    : Math.max(0, decisions.surplus(lastingDelay, targetFrames, recentTarget)), nowNanos);
            case ACCELERATE -> {
                if (accelerateWaitFrames == 0) {
                    accelerate(decisions.toShed(lastingDelay, targetFrames, recentTarget, owedFrames, free),
                            decisions.isLarge(lastingDelay, targetFrames), nowNanos);
                }
            }
            case PREEMPTIVE_EXPAND -> expand(targetFrames - margin, nowNanos);
            case PLAY -> { }
        }
    }

    /**
     * Removes up to {@code surplus} frames (less the hysteresis) of what is to come, by whole
     * pitch periods, keeping the margin for late packets at the target: a quarter of it per
     * call, spaced, unless it is {@code large}.
     */
    private void accelerate(double surplus, boolean large, long nowNanos) {
        int maxRemove = (int) (surplus - decisions.hysteresisFrames());
        if (lastFrameConcealed) {
            refused(); // the audio to come does not continue what was played: the concealer blends first
            return;
        }
        pullAhead(maxRemove + scaler.maxPeriod(), nowNanos);
        if (sync.missingWithin(sync.futureFrames())) {
            refused(); // a stretch is waiting to be concealed: nothing to cut seamlessly
            return;
        }
        cutAtMost = Math.min(maxRemove, sync.futureFrames() - 1);
        shedThisCut = large ? maxRemove : (int) (maxRemove * SHED_SHARE_PER_CUT);
        periodAboveSurplus = false;
        int removed = scaler.accelerate(sync, mustForce(), cutChooser);
        if (removed == 0 && periodAboveSurplus) {
            accelerateWaitFrames = periodAboveSurplusRetryFrames;
            return;
        }
        if (removed == 0) {
            refused();
            return;
        }
        refusedForFrames = -1;
        accelerated++;
        stretchWaitFrames = (long) Math.ceil(removed / MAX_STRETCH_RATE);
        if (!large) {
            accelerateWaitFrames = (long) Math.ceil(removed / MAX_SHED_RATE);
        }
        delay.moved(-removed);
        owedFrames = Math.max(0, owedFrames - removed);
    }

    /** Repeats pitch periods (or inserts quiet audio) to raise the margin by about {@code deficit}. */
    private void expand(double deficit, long nowNanos) {
        insertWanted = (int) Math.ceil(deficit + decisions.hysteresisFrames());
        pullAhead(scaler.maxPeriod(), nowNanos);
        // Audio still to be concealed, or audio to come that does not continue a concealed end,
        // cannot be repeated seamlessly.
        boolean concealing = lastFrameConcealed || sync.missingWithin(sync.futureFrames());
        int inserted = concealing ? 0 : scaler.expand(sync, sync.room(), mustForce(), insertChooser);
        if (inserted == 0 && !concealing && deficit >= blockFrames / 2.0) {
            // A large deficit in audio that does not repeat (music, noise): a cross-faded repeat
            // of it is heard less than a concealed block.
            inserted = scaler.expand(sync, sync.room(), true, insertChooser);
        }
        owedFrames = 0; // the network wants more delay than the stream has: nothing is owed
        if (inserted > 0) {
            refusedForFrames = -1;
            expanded++;
            stretchWaitFrames = (long) Math.ceil(inserted / MAX_STRETCH_RATE);
            delay.moved(inserted);
        } else if (deficit >= blockFrames / 2.0 || sync.futureFrames() < scaler.minPeriod()) {
            // No audio to repeat: stretch by a concealed block, holding the read position.
            refusedForFrames = -1;
            stretched++;
            hold(blockFrames);
            delay.moved(blockFrames);
        } else {
            refused();
        }
    }

    /**
     * @param unit what the audio can be cut by: its period, or 1 frame
     * @param most the most the audio allows
     * @return the most frames, a multiple of {@code unit}, at most {@link #cutAtMost} and at most
     *     {@link #shedThisCut} (or one unit, if more), whose removal leaves the margin for late
     *     packets at least at the target; 0 if none does
     */
    private int chooseCut(int unit, int most) {
        periodAboveSurplus = unit > cutAtMost;
        double played = playedPosition();
        int limit = Math.min(cutAtMost, Math.max(unit, shedThisCut / unit * unit));
        for (int cut = Math.min(most, limit) / unit * unit; cut >= unit; cut -= unit) {
            if (delay.now() - cut - straddle(played + cut) >= delay.target() + decisions.hysteresisFrames()) {
                return cut;
            }
        }
        return 0;
    }

    /**
     * @param unit what the audio can be lengthened by: its period, or 1 frame
     * @param most the most the audio allows
     * @return the fewest frames, a multiple of {@code unit}, whose insertion brings the margin
     *     for late packets up to the target (at most a packet more than asked); if none does,
     *     the most the audio allows towards it
     */
    private int chooseInsert(int unit, int most) {
        double played = playedPosition();
        int limit = Math.min(most, Math.max(unit, insertWanted + firstPacketFrames));
        int insert = unit;
        for (; insert <= limit; insert += unit) {
            if (delay.now() + insert - straddle(played - insert) >= delay.target()) {
                return insert;
            }
        }
        return Math.max(0, insert - unit);
    }

    /**
     * @return how much less margin a block played from {@code position} has than its delay says:
     *     how far into it the last packet it needs begins (a block that straddles two packets
     *     needs the later one when it is played)
     */
    private double straddle(double position) {
        double lastFrame = position + blockFrames - 1;
        double lastPacketStart = gridOrigin + Math.floor((lastFrame - gridOrigin) / firstPacketFrames) * firstPacketFrames;
        return Math.max(0, lastPacketStart - position);
    }

    /** The audio allowed no seamless accelerate or expand now: try again a little later. */
    private void refused() {
        if (refusedForFrames < 0) {
            refusedForFrames = 0;
        }
        refusedForFrames += retryFrames;
        stretchWaitFrames = retryFrames;
    }

    /** @return whether the audio has refused seamless changes for so long that one is forced */
    private boolean mustForce() {
        return refusedForFrames >= forceAfterFrames;
    }

    /**
     * Drops about {@code surplus} frames of the oldest audio waiting, on a packet boundary, and
     * never past the newest frame received; the concealer cross-fades over the jump.
     */
    private void drop(double surplus, long nowNanos) {
        int future = sync.futureFrames();
        long to = lastPacketStartAtOrBefore(Math.min(readPos + surplus - future, endTs - 1), readPos);
        long shed = future + (to - readPos);
        if (shed <= 0) {
            return;
        }
        sync.discardFuture();
        countSkippedLate(readPos, to);
        skipTo(to);
        droppedFrames += shed;
        concealer.discontinuity();
        delay.moved(-shed);
        owedFrames = Math.max(0, owedFrames - shed);
    }

    /** Reads whole blocks that have fully arrived into the sync buffer until it holds {@code frames}. */
    private void pullAhead(int frames, long nowNanos) {
        while (sync.futureFrames() < frames && sync.room() >= blockFrames && hasWholeBlockAhead()) {
            pull(blockFrames, nowNanos);
        }
    }

    private boolean hasWholeBlockAhead() {
        if (dry || endTs < readPos + blockFrames) {
            return false;
        }
        return decodedAndPresent(readPos, blockFrames);
    }

    /**
     * Reads the next {@code frames} frames (at most a block) from the ring into the sync buffer,
     * marking those that have not arrived; or, when nothing is there to play, holds: appends
     * that many missing frames without moving the read position.
     */
    private void pull(int frames, long nowNanos) {
        if (senderLeft && endTs <= readPos) {
            endingThisPoll = true; // the rest of the block fades out: the stream has ended
            hold(frames);
            return;
        }
        if (endTs <= readPos || dry && !resumeAfterUnderrun(nowNanos)) {
            holdDry(frames, nowNanos);
            return;
        }
        decodeUpTo(readPos + frames, FrameSource.Missing.REPLACE);
        copyFrames(pulled, frames, nowNanos);
        readPos += frames;
        consumeBefore(readPos);
        sync.append(pulled, missingInBlock, frames);
    }

    /** @return the stream position (extended timestamp) of the next frame to be played */
    private double playedPosition() {
        return readPos - sync.futureFrames();
    }

    /**
     * @return how long the first received frame the last poll read from the ring waits in the
     *     buffer in all, until it is played (after any audio read ahead of it), in nanoseconds;
     *     -1 if the poll read no received frame (it played audio read ahead earlier, or none)
     */
    public synchronized long lastWaitNanos() {
        return lastWaitNanos;
    }

    /**
     * @return whether the block the next poll plays still lacks audio that has not arrived: the
     *     stream is playing, and a frame of that block is neither read ahead nor here (waiting
     *     encoded packets are decoded first, in stream order)
     */
    public synchronized boolean awaitsAudio() {
        return phase == Phase.PLAYING && sync.futureFrames() < blockFrames
                && (dry || endTs < readPos + blockFrames - sync.futureFrames()
                        || !decodedAndPresent(readPos, blockFrames - sync.futureFrames()));
    }

    private boolean decodedAndPresent(long from, int frames) {
        decodeUpTo(from + frames, FrameSource.Missing.WAIT);
        return ring.allPresent(from, frames);
    }

    /** @return whether frames have been received that are still to be played (false while idle or dry) */
    public synchronized boolean hasAudioAhead() {
        return phase == Phase.PLAYING ? endTs > readPos || sync.futureFrames() > 0
                : phase == Phase.BUFFERING && endTs > firstTs;
    }

    /**
     * @return the extended timestamp of the next frame to play (an accelerate or expand moves
     *     it by the frames it removed or repeated)
     */
    public synchronized double readPosition() {
        return playedPosition();
    }

    /**
     * @return the extended timestamp of the first frame the last poll played (after any skip),
     *     or NaN if that poll played no audio it read (it filled, held or stretched)
     */
    public synchronized double lastReadFrom() {
        return lastReadFrom;
    }

    /** Copies the counters and state into {@code into}. */
    public synchronized void snapshot(JitterSnapshot into) {
        streams.snapshot(into);
        into.late = late;
        into.duplicates = duplicates;
        into.reordered = reordered;
        into.concealed = concealed;
        into.stretched = stretched;
        into.accelerated = accelerated;
        into.expanded = expanded;
        into.droppedFrames = droppedFrames;
        into.underruns = underruns;
        into.overflows = overflows;
        into.recovered = recovered;
        into.jitterKnown = jitter.primed();
        into.jitterFrames = jitter.jitterUnits();
        into.bufferedFrames = phase == Phase.IDLE ? 0
                : phase == Phase.PLAYING ? endTs - readPos + sync.futureFrames() : endTs - firstTs;
        into.playing = phase == Phase.PLAYING;
        into.packetFrames = firstPacketFrames;
        into.targetFrames = delay.target();
        into.delayFrames = phase != Phase.PLAYING ? Double.NaN
                : delay.reported();
        into.skewPpm = skew.skewPpm();
        into.adaptive = delay.adaptive();
    }

    private void startStream(long newSsrc, int sequence, long timestamp) {
        ring.clear();
        jitter.reset();
        delay.reset();
        sync.discardFuture();
        stretchWaitFrames = 0;
        accelerateWaitFrames = 0;
        refusedForFrames = -1;
        if (streams.start(newSsrc, sequence)) {
            skew.reset(); // another sender's clock; the same sender back after a pause keeps its own
        }
        // Keep the extended timestamp positive and far from zero so extension never underflows.
        firstTs = timestamp + EXTENDED_TIMESTAMP_BASE;
        gridOrigin = firstTs;
        endTs = firstTs;
        readPos = firstTs;
        consumedUpTo = firstTs;
        dry = false;
        dryFrames = 0;
        owedFrames = 0;
        senderLeft = false;
        fadedOut = false;
        spellSinceNanos = Long.MIN_VALUE;
        concealedThisSpell = 0;
        phase = Phase.BUFFERING;
    }

    /**
     * Starts playing once the first frame has waited the target (and the start-up listen is
     * over). The read position is the start of the sender's packet that is due, so a block is
     * read from one packet, not straddling two (which would need a whole packet more delay);
     * the phase between the sender's packets and our polls adds less than a packet to the delay.
     */
    private void startPlayingWhenDue(long nowNanos) {
        switch (startup.check(delay.minTransitFrames(), nowNanos)) {
            case LISTEN -> {
                return; // still learning how fast the first stream's packets really come
            }
            case FASTER -> {
                // The warm-up's slow packets say nothing of the delays to come: keep only the
                // fastest transit they showed.
                delay.forgetDelays();
                return;
            }
            case ENDED_NOW -> delay.retarget(nowNanos); // from the settled packets
            case OVER -> { }
        }
        double due = dueFrame(nowNanos);
        if (endTs > firstTs && due >= firstTs) {
            gridOrigin = firstTs;
            readPos = firstTs;
            skipTo(lastPacketStartAtOrBefore(Math.min(due, endTs - 1), firstTs));
            sync.reset(); // silence has been played until now
            phase = Phase.PLAYING;
        }
    }

    /**
     * Ends an underrun once there is audio to play at the target delay. Frames that arrived late
     * are played, with the stall added to the delay, which playing slightly fast then sheds; but
     * a backlog of more than {@link #maxBacklogFrames} behind the target is skipped (its packets
     * count as late): right after a concealed gap a jump is not heard, while shedding a long
     * stall would mean seconds of audibly fast playback. If the frames at the held position were
     * lost rather than late, playout resumes at the oldest frame that did arrive once it is due,
     * so the outage is concealed once and the delay stays where it was.
     *
     * @return whether playout resumed
     */
    private boolean resumeAfterUnderrun(long nowNanos) {
        // What waits encoded is decoded now, and a lost packet at the stall rebuilt from the
        // next one's FEC if it can be (the outage itself was concealed already).
        decodeUpTo(endTs, FrameSource.Missing.RECOVER_ONLY);
        long held = readPos;
        long oldest = Math.max(held, Math.min(oldestSinceDry, endTs));
        double due = dueFrame(nowNanos);
        if (oldest > held && due < oldest) {
            return false;
        }
        long heldFrames = dryFrames;
        dry = false;
        dryFrames = 0;
        spellSinceNanos = Long.MIN_VALUE; // audio came: an outage, whatever a BYE says later
        oldestSinceDry = Long.MAX_VALUE;
        long resumeAt = oldest;
        if (due - oldest > maxBacklogFrames) {
            // Skip to the packet due at the largest backlog played out, but never past the
            // newest packet that has arrived: the rest of the burst may be a moment away.
            resumeAt = lastPacketStartAtOrBefore(Math.min(due - maxBacklogFrames, endTs - 1), oldest);
            countSkippedLate(oldest, resumeAt);
            droppedFrames += resumeAt - oldest;
        }
        if (resumeAt > held) {
            skipTo(resumeAt);
        }
        // The hold added its frames to the delay; what is skipped now takes that much back.
        owedFrames += Math.max(0, heldFrames - (resumeAt - held));
        return true;
    }

    /** @return the last start of a sender packet at or before {@code frame}, and not before {@code floor} */
    private long lastPacketStartAtOrBefore(double frame, long floor) {
        long k = (long) Math.floor((frame - gridOrigin) / firstPacketFrames);
        return Math.max(floor, gridOrigin + k * firstPacketFrames);
    }

    /** Counts the packets whose frames in {@code [from, to)} arrived but are skipped unplayed as late. */
    private void countSkippedLate(long from, long to) {
        late += (ring.countPresent(from, to) + firstPacketFrames - 1) / firstPacketFrames;
    }

    /**
     * @return the frame that is played now at the target delay plus twice the decision logic's
     *     hysteresis, so that wake-up jitter does not start a correction at once
     */
    private double dueFrame(long nowNanos) {
        // A thousandth of a frame absorbs rounding, so a frame due exactly now counts as due.
        return nowFrames(nowNanos) - delay.minTransitFrames() - delay.target() - 2 * decisions.hysteresisFrames() + 1e-3;
    }

    private void holdDry(int frames, long nowNanos) {
        if (!dry) {
            underruns++;
            dry = true;
            oldestSinceDry = Long.MAX_VALUE;
            spellSinceNanos = nowNanos;
            concealedThisSpell = 0;
        }
        dryFrames += frames;
        if (dryFrames >= idleAfterFrames) {
            phase = Phase.IDLE;
        }
        hold(frames);
    }

    /** Appends {@code frames} missing frames without moving the read position: the delay grows by them. */
    private void hold(int frames) {
        heldThisPoll = true;
        java.util.Arrays.fill(missingInBlock, 0, frames, true);
        sync.append(pulled, missingInBlock, frames);
    }

    /** Copies {@code count} frames from the read position, marking the missing ones in {@link #missingInBlock}. */
    private void copyFrames(short[] into, int count, long nowNanos) {
        ring.copy(readPos, count, into, missingInBlock, read);
        syntheticInBlock += read.synthetic;
        noteWait(read.firstArrivalNanos, read.firstReceivedFrame, nowNanos);
    }

    private void noteWait(long firstArrival, long frame, long nowNanos) {
        if (firstArrival == Long.MIN_VALUE || lastWaitNanos != -1) {
            return;
        }
        // The first frames a poll reads wait, besides the time until now, for the audio read
        // ahead of them to play first: a refused accelerate can leave tens of milliseconds there.
        // A frame that far into its packet was captured that much later than the packet's first,
        // which a latency summed as capture block + network + wait counts from: its wait is
        // counted from where the packet's first frame would be. Otherwise, after a cut that
        // leaves reads straddling two packets (cuts go by pitch periods), the wait read up to a
        // packet over what was heard (measured: 3 ms at block 256, a 440 Hz tone cut by 146 frames).
        long intoPacket = firstPacketFrames == 0 ? 0 : Math.floorMod(frame - gridOrigin, (long) firstPacketFrames);
        long wait = nowNanos - firstArrival + Math.round((sync.futureFrames() - intoPacket) * 1e9 / sampleRate);
        lastWaitNanos = Math.max(0, wait);
    }

    private double nowFrames(long nowNanos) {
        return nowNanos / 1e9 * sampleRate;
    }

    private boolean isStray(long packetSsrc, int sequence, long timestamp, int frames) {
        if (streams.outsideStream(packetSsrc, sequence)) {
            return true;
        }
        long start = extend(timestamp);
        long reference = phase == Phase.BUFFERING ? firstTs : readPos;
        if (start >= reference + 2L * capacityFrames || start + frames <= reference - capacityFrames) {
            return true;
        }
        // Far more audio ahead than the sequence numbers say was sent since the newest packet:
        // one forged or broken packet must not move the fastest transit, the delay and the ring
        // (it would drop everything buffered). A real jump (a sender that paused its clock)
        // comes with consecutive packets and is taken once they keep coming.
        long said = (long) streams.packetsSinceNewest(sequence) * firstPacketFrames;
        return start > endTs + said + probationSlackFrames;
    }

    private long extend(long timestamp32) {
        return SequenceNumbers.extend(endTs, timestamp32);
    }

    private void store(long from, long end, long packetStart, short[] samples, long nowNanos) {
        if (dry && from < end) {
            oldestSinceDry = Math.min(oldestSinceDry, from);
        }
        ring.store(from, end, packetStart, samples, nowNanos);
    }

    /** Moves the read position forward to {@code ts}, dropping what it passes. */
    private void skipTo(long ts) {
        if (ts > readPos) {
            readPos = ts;
        }
        consumeBefore(ts);
    }

    /** Clears the marks of every frame before {@code ts} not cleared yet. */
    private void consumeBefore(long ts) {
        ring.forget(Math.max(consumedUpTo, ts - capacityFrames), ts);
        if (ts > consumedUpTo) {
            consumedUpTo = ts;
        }
        if (firstTs < consumedUpTo) {
            firstTs = consumedUpTo;
        }
        if (endTs < consumedUpTo) {
            endTs = consumedUpTo;
        }
    }

    /** The ring is full: drop every frame before {@code ts}. */
    private void dropBefore(long ts) {
        if (phase != Phase.PLAYING) {
            consumeBefore(ts); // nothing played yet: the start is skipped to the due frame anyway
            return;
        }
        long to = (long) Math.ceil(onPacketGridAtOrAfter(ts));
        consumeBefore(to);
        if (readPos < to) {
            readPos = to;
            sync.discardFuture();
            concealer.discontinuity();
        }
    }

    private double onPacketGridAtOrAfter(long ts) {
        long k = (long) Math.ceil((double) (ts - gridOrigin) / firstPacketFrames);
        return gridOrigin + k * firstPacketFrames;
    }
}
