package dev.intercom.jitter;

/**
 * Fills the frames whose audio did not arrive in time. The playout side hands it every run of
 * frames it plays, in playing order and on the playout thread: {@link #played} for a run that
 * arrived, {@link #conceal} for a run it must invent. A run may be any part of a block, so a
 * concealment begins exactly where the received audio before it ends, and the received audio
 * after it is blended in from exactly where the concealment stops.
 *
 * <p>Runs are given as {@code frames} interleaved frames of {@code samples}, starting at frame
 * {@code offset}; a run is never longer than a block.
 */
public interface Concealer {

    /**
     * Remembers a run of frames about to be played as received. The concealer may modify them
     * in place: the frames after a concealed stretch are cross-faded from the concealment into
     * the received audio, so playback does not jump where real audio resumes. The caller must
     * play the frames as they are after this call.
     */
    void played(short[] samples, int offset, int frames);

    /** Writes a replacement for a run of missing frames, continuing the audio played before it. */
    void conceal(short[] samples, int offset, int frames);

    /**
     * Says that the next run {@link #played} does not follow the last one (audio between them
     * was dropped), so a concealer that cross-fades into received audio should fade from a
     * continuation of what was played into it, as after a loss of no length.
     */
    default void discontinuity() {
    }
}
