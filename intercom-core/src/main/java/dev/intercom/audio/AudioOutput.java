package dev.intercom.audio;

/**
 * A sink for played audio and, on the receiving side, the playout clock: the playout thread
 * waits in {@link #awaitRoom()} until the device can take one more block, and only then
 * decides what that block holds.
 */
public interface AudioOutput extends AutoCloseable {

    /** @return the format every block written to this output has */
    StreamFormat format();

    /** Starts the device clock. */
    void start();

    /**
     * Blocks until the device has room for one whole block, so the following {@link #write}
     * does not block.
     *
     * @return {@code false} once the output is closed
     */
    boolean awaitRoom();

    /**
     * The time the block about to be written is due, by this device's own clock: what the jitter
     * buffer should take as "now" for it. By default the time the playout thread got the room;
     * an output that knows its schedule exactly (a paced file) returns the block's slot, so a
     * playout thread that woke late (a GC pause, a busy machine) and is catching up does not look
     * to the jitter buffer like a delay it must shed.
     *
     * @param roomNanos when {@link #awaitRoom()} returned
     * @return the due time, at most {@code roomNanos}
     */
    default long blockDueNanos(long roomNanos) {
        return roomNanos;
    }

    /**
     * Whether every block is heard in its own slot of this output's clock however late it is
     * written (a paced file, the null device), rather than when it reaches a device that kept
     * playing meanwhile. A playout thread that was held up may then wait a moment for audio on
     * its way (the sender, on the same machine, was held up with it) without anyone hearing it.
     *
     * @return {@code false} by default: a sound card's line runs on without us
     */
    default boolean slotted() {
        return false;
    }

    /** Writes one block of {@link StreamFormat#samplesPerBlock()} interleaved samples. */
    void write(short[] block);

    /** @return frames written but not yet played: the playback latency */
    long bufferedFrames();

    /**
     * @return how many times the device ran dry so far (it played everything written and had to
     *     play silence: a gap the listener hears); 0 for outputs that cannot run dry
     */
    default long deviceUnderruns() {
        return 0;
    }

    /** @return a short human-readable description, e.g. {@code "file heard.wav"} */
    String describe();

    /** Plays or stores what was written, then releases the device or file. Idempotent. */
    @Override
    void close();
}
