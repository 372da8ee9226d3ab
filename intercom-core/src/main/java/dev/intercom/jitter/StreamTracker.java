package dev.intercom.jitter;

import dev.intercom.rtp.SequenceNumbers;

/**
 * Knows which stream the buffer plays: its SSRC and sequence numbers, the packets that do not
 * belong to it (strays: another SSRC, or a sequence number far from the stream's), and when
 * strays keep coming as one consecutive stream of their own, which is then followed instead
 * (a restarted sender, a new SSRC). Counts what each stream received and lost, across streams.
 *
 * <p>Whether a packet's <em>timestamp</em> puts it outside the stream is the buffer's judgement
 * (it knows the ring and the read position); this class judges SSRCs and sequence numbers.
 */
final class StreamTracker {

    /** A sequence number this far ahead is a new stream, not loss. */
    private static final int MAX_SEQUENCE_JUMP_AHEAD = 3000;
    /** A sequence number this far behind is a new stream, not reordering. */
    private static final int MAX_SEQUENCE_JUMP_BEHIND = 1000;

    private final int resyncAfterPackets;
    private final SequenceTracker sequences = new SequenceTracker();
    private boolean started;
    private long ssrc;

    private boolean strayActive;
    private long straySsrc;
    private int straySequence;
    private int strayRun;

    private long lostInEarlierStreams;
    private long receivedInEarlierStreams;
    private long strays;
    private long resyncs;

    /** @param resyncAfterPackets consecutive stray packets that make a new stream */
    StreamTracker(int resyncAfterPackets) {
        this.resyncAfterPackets = Math.max(1, resyncAfterPackets);
    }

    /**
     * Follows a new stream from the packet {@code sequence} of {@code newSsrc} on.
     *
     * @return whether the SSRC changed: another sender, whose clock is another
     */
    boolean start(long newSsrc, int sequence) {
        receivedInEarlierStreams += sequences.received();
        lostInEarlierStreams += sequences.lost();
        sequences.reset(sequence);
        boolean changed = !started || newSsrc != ssrc;
        started = true;
        ssrc = newSsrc;
        strayActive = false;
        return changed;
    }

    /** @return the SSRC of the stream followed */
    long ssrc() {
        return ssrc;
    }

    /** @return whether the packet's SSRC or sequence number put it outside the stream followed */
    boolean outsideStream(long packetSsrc, int sequence) {
        if (packetSsrc != ssrc) {
            return true;
        }
        int jump = sequences.distanceFromHighest(sequence);
        return jump > MAX_SEQUENCE_JUMP_AHEAD || jump < -MAX_SEQUENCE_JUMP_BEHIND;
    }

    /** @return how many packets the sender says it sent since the newest one here (0 if it is not newer) */
    int packetsSinceNewest(int sequence) {
        return Math.max(0, sequences.distanceFromHighest(sequence));
    }

    /**
     * Takes a stray: counts it, unless it is the packet that makes a run of consecutive strays
     * of one SSRC long enough to follow.
     *
     * @return whether the strays are now to be followed as a new stream (counted as a resync)
     */
    boolean stray(long packetSsrc, int sequence) {
        boolean continues = strayActive && packetSsrc == straySsrc && SequenceNumbers.next(straySequence) == sequence;
        strayRun = continues ? strayRun + 1 : 1;
        strayActive = true;
        straySsrc = packetSsrc;
        straySequence = sequence;
        if (strayRun >= resyncAfterPackets) {
            resyncs++;
            return true;
        }
        strays++;
        return false;
    }

    /**
     * Takes a packet of the stream followed.
     *
     * @return whether it came in order, reordered, or twice
     */
    SequenceTracker.Arrival arrive(int sequence) {
        strayActive = false; // a run of strays is broken by the stream itself
        return sequences.arrive(sequence);
    }

    /** Copies the counts of received, lost and stray packets and the stream's position into {@code into}. */
    void snapshot(JitterSnapshot into) {
        into.received = receivedInEarlierStreams + sequences.received();
        into.lost = lostInEarlierStreams + sequences.lost();
        into.resyncs = resyncs;
        into.strays = strays;
        into.streaming = sequences.received() > 0;
        into.streamSsrc = ssrc;
        into.streamHighestSequence = sequences.extendedHighest();
        into.streamExpected = sequences.expected();
        into.streamReceived = sequences.received();
    }
}
