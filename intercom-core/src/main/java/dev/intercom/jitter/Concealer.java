package dev.intercom.jitter;

/**
 * Fills a block whose audio did not arrive in time. The playout side calls {@link #played}
 * with every block that arrived whole, so the concealer can follow the waveform, and
 * {@link #conceal} for each block it must invent.
 */
public interface Concealer {

    /** Remembers a block that is about to be played as received. */
    void played(short[] block);

    /** Writes a replacement for a missing block into {@code block}. */
    void conceal(short[] block);
}
