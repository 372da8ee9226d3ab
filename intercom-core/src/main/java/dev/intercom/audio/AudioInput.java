package dev.intercom.audio;

/**
 * A source of captured audio, read one block at a time by the capture thread. Implementations
 * are paced in real time like a sound card: {@link #read(short[])} returns a block only once
 * its last frame has been captured.
 */
public interface AudioInput extends AutoCloseable {

    /** @return the format every block read from this input has */
    StreamFormat format();

    /** Starts capturing. The first block read holds the first frames captured after this call. */
    void start();

    /**
     * Blocks until one whole block has been captured and copies it, channels interleaved, into
     * {@code block}, which holds at least {@link StreamFormat#samplesPerBlock()} samples.
     *
     * @return {@code false} once the input is closed (the block is then untouched)
     */
    boolean read(short[] block);

    /**
     * @return frames captured but not yet read when the last {@link #read} returned: the capture
     *     latency a reader adds by falling behind the device
     */
    int bufferedFrames();

    /**
     * @return frames the device held before the first block and that were thrown away so the
     *     first block is fresh (known once the first {@link #read} returned); 0 for inputs that
     *     cannot hold a backlog
     */
    default long discardedFrames() {
        return 0;
    }

    /**
     * @return frames the device captured but could not keep because the reader fell behind and
     *     its buffer overflowed (a capture overrun: a gap in what is sent), so far; 0 for inputs
     *     that cannot overflow
     */
    default long overrunFrames() {
        return 0;
    }

    /**
     * @return frames the device captured but that were dropped as stale, so far: what it queued
     *     while the reader did not run (a stalled process or machine), which would otherwise go
     *     out late, all at once; 0 for inputs that cannot queue
     */
    default long staleFrames() {
        return 0;
    }

    /** @return a short human-readable description, e.g. {@code "tone 440 Hz"} */
    String describe();

    /** Stops capturing and releases the device or file. Idempotent. */
    @Override
    void close();
}
