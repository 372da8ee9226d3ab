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
}
