package dev.intercom.jitter;

/**
 * Fills a block whose audio did not arrive in time. The playout side calls {@link #played}
 * with every block that arrived whole, so the concealer can follow the waveform, and
 * {@link #conceal} for each block it must invent. Both are called on the playout thread, in
 * playing order, with arrays of at least {@code blockFrames * channels} interleaved samples.
 */
public interface Concealer {

    /**
     * Remembers a block that is about to be played as received. The concealer may modify the
     * block in place: the first blocks after a concealed stretch are crossfaded from the
     * concealment into the received audio, so playback does not jump where real audio resumes.
     * The caller must play the block as it is after this call.
     */
    void played(short[] block);

    /** Writes a replacement for a missing block into {@code block}. */
    void conceal(short[] block);

    /**
     * Says that the next block {@link #played} does not follow the last one (audio between them
     * was dropped), so a concealer that cross-fades into received audio should fade from a
     * continuation of what was played into it, as after a loss of no length.
     */
    default void discontinuity() {
    }

    /**
     * Remembers a block that began concealed and ends with received audio, already blended
     * from the concealment into it by the caller: the loss is over, and the next block played
     * follows this one, so nothing more is to be blended into it.
     */
    default void resumed(short[] block) {
        played(block);
    }
}
