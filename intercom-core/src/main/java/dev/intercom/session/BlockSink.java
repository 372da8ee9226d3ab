package dev.intercom.session;

/** Where the capture thread hands each captured block: the network, or a local wire. */
public interface BlockSink {

    /**
     * Takes one block of interleaved samples. Must not keep {@code block}: the capture thread
     * reuses it for the next read.
     *
     * @param block    {@code frames * channels} interleaved samples
     * @param nowNanos when the block was captured
     */
    void accept(short[] block, long nowNanos);

    /**
     * Notes that {@code frames} frames captured after the last block were dropped as stale: the
     * next block's timestamp is that much later, so the far end finds a gap there (and conceals
     * it) at the usual transit time, instead of audio that comes late.
     */
    void skip(long frames);
}
