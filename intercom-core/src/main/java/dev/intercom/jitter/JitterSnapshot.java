package dev.intercom.jitter;

/**
 * A copy of the jitter buffer's counters and state at one instant, filled in place by
 * {@link JitterBuffer#snapshot(JitterSnapshot)} so the reporter allocates nothing. Counts are
 * cumulative over the whole session, across resynchronisations.
 */
public final class JitterSnapshot {
    /** Distinct packets accepted from the peer's stream (late ones included). */
    public long received;
    /** Packets expected from the sequence numbers but never received. */
    public long lost;
    /**
     * Packets that arrived after their frames were due: discarded, or, when only their first
     * frames were due (concealed), played from where the playout has got to.
     */
    public long late;
    /** Packets received a second time (discarded). */
    public long duplicates;
    /** Packets that arrived with a lower sequence number than one before them. */
    public long reordered;
    /** Blocks played with at least one frame concealed. */
    public long concealed;
    /** Times playout found the buffer empty. */
    public long underruns;
    /** Times the ring was full and its oldest frames were dropped. */
    public long overflows;
    /** Times the buffer started over on a new stream (new SSRC or a far jump). */
    public long resyncs;
    /** Packets far outside the buffer window, ignored unless a new stream followed. */
    public long strays;
    /** Lost packets whose audio the codec recovered (Opus in-band FEC). */
    public long recovered;
    /** Concealed blocks inserted on purpose to raise the delay to a risen target where no period could be repeated. */
    public long stretched;
    /** Blocks whose audio was shortened by whole pitch periods (or quiet audio) to shed a surplus. */
    public long accelerated;
    /** Blocks whose audio was lengthened by a repeated pitch period (or quiet audio) to raise the delay. */
    public long expanded;
    /** Frames of audio dropped because the delay was above the ceiling or a stall's backlog had built up. */
    public long droppedFrames;
    /** The playout delay aimed at, in frames above the fastest packet's transit. */
    public double targetFrames;
    /** The playout delay now (smoothed), in frames; NaN while not playing. */
    public double delayFrames = Double.NaN;
    /** Estimated skew of the sender's clock against the playout clock, in ppm; NaN until known. */
    public double skewPpm = Double.NaN;
    /** Whether the target follows the network. */
    public boolean adaptive;
    /** Whether a stream is being received (the fields below describe it). */
    public boolean streaming;
    /** SSRC of the stream being received. */
    public long streamSsrc;
    /** Extended highest sequence number of the current stream, as RTCP reports it. */
    public long streamHighestSequence;
    /** Packets expected from the current stream so far. */
    public long streamExpected;
    /** Distinct packets received from the current stream so far. */
    public long streamReceived;
    /** Whether any packet has arrived yet, i.e. whether {@link #jitterFrames} means anything. */
    public boolean jitterKnown;
    /** RFC 3550 interarrival jitter, in frames. */
    public double jitterFrames;
    /** Frames between the playout position and the newest frame received. */
    public long bufferedFrames;
    /** Whether the buffer is playing (false while idle or filling to the target). */
    public boolean playing;
    /**
     * Frames in each of the sender's packets, as the stream's first packet had them (our block
     * between peers of ours, 700 from ffmpeg's L16); 0 before the first stream.
     */
    public int packetFrames;
}
