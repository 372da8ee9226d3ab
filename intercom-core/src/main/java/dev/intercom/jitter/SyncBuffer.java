package dev.intercom.jitter;

/**
 * The audio between the ring and the output (NetEQ's sync buffer): frames already read from
 * the ring but not yet played, behind the most recently played frames. Time-scale changes work
 * here, at the junction between what has been played (which can no longer change) and what
 * is still to come, so they can compare the two.
 *
 * <p>A future frame may be <em>missing</em>: read from the ring before it arrived. It is
 * concealed when it is played, with the rest of its output block, so the concealer follows the
 * audio that is really heard.
 *
 * <p>One preallocated interleaved array: {@code [history | future]}. {@link #head()} is the
 * index (in frames) of the first future frame; the history frames before it
 * are the newest played ones (silence at first). Playing moves the head on; the array is
 * compacted only when the future would no longer fit, so a block costs two copies.
 */
final class SyncBuffer {

    private final int channels;
    private final int historyFrames;
    private final int capacityFrames;
    private final short[] samples;
    /** Per frame: whether it is a placeholder for audio that had not arrived when it was read. */
    private final boolean[] missing;
    private int head;
    private int end;
    /** Frames played since the last {@link #reset}, at most the history: the rest of the history is silence. */
    private int played;

    /**
     * @param channels       interleaved channels per frame
     * @param historyFrames  played frames kept before the head
     * @param futureFrames   the most frames ever waiting to be played
     */
    SyncBuffer(int channels, int historyFrames, int futureFrames) {
        this.channels = channels;
        this.historyFrames = historyFrames;
        // Room for the history, the future, and as much again so compaction is rare.
        this.capacityFrames = historyFrames + 2 * futureFrames;
        this.samples = new short[capacityFrames * channels];
        this.missing = new boolean[capacityFrames];
        this.head = historyFrames;
        this.end = historyFrames;
    }

    /** @return interleaved channels per frame */
    int channels() {
        return channels;
    }

    /** @return how many of the newest history frames were really played (the older ones are silence) */
    int playedHistoryFrames() {
        return played;
    }

    /** @return the backing array: frame {@code i} is at {@code i * channels} */
    short[] samples() {
        return samples;
    }

    /** @return the index of the first frame still to be played */
    int head() {
        return head;
    }

    /** @return frames waiting to be played */
    int futureFrames() {
        return end - head;
    }

    /** @return how many more frames fit behind the future without losing history */
    int room() {
        return capacityFrames - historyFrames - futureFrames();
    }

    /**
     * Appends {@code frames} frames from the start of {@code block}, marked missing where
     * {@code absent} says so.
     */
    void append(short[] block, boolean[] absent, int frames) {
        makeRoom(frames);
        System.arraycopy(block, 0, samples, end * channels, frames * channels);
        System.arraycopy(absent, 0, missing, end, frames);
        end += frames;
    }

    /**
     * Moves {@code frames} future frames into {@code block} (and their marks into
     * {@code absent}); they become history.
     *
     * @return how many of them are missing
     */
    int take(short[] block, boolean[] absent, int frames) {
        System.arraycopy(samples, head * channels, block, 0, frames * channels);
        int count = 0;
        for (int f = 0; f < frames; f++) {
            absent[f] = missing[head + f];
            if (absent[f]) {
                count++;
            }
        }
        head += frames;
        played = Math.min(historyFrames, played + frames);
        return count;
    }

    /** Overwrites the newest {@code frames} history frames (just taken) with {@code block}: what was really played. */
    void replacePlayed(short[] block, int frames) {
        System.arraycopy(block, 0, samples, (head - frames) * channels, frames * channels);
    }

    /** @return whether any of the next {@code frames} future frames is missing */
    boolean missingWithin(int frames) {
        for (int f = head; f < Math.min(end, head + frames); f++) {
            if (missing[f]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes {@code frames} frames starting {@code offset} frames after the head, closing the
     * gap (the caller has already blended the frames before it).
     */
    void remove(int offset, int frames) {
        int from = head + offset + frames;
        System.arraycopy(samples, from * channels, samples, (head + offset) * channels, (end - from) * channels);
        System.arraycopy(missing, from, missing, head + offset, end - from);
        end -= frames;
    }

    /** Opens a gap of {@code frames} frames at the head; the caller fills it. */
    void insertAtHead(int frames) {
        makeRoom(frames);
        System.arraycopy(samples, head * channels, samples, (head + frames) * channels, futureFrames() * channels);
        System.arraycopy(missing, head, missing, head + frames, futureFrames());
        java.util.Arrays.fill(missing, head, head + frames, false);
        end += frames;
    }

    /** Drops every future frame (the read position jumped); the history stays. */
    void discardFuture() {
        end = head;
    }

    /** Forgets everything: history silent, nothing to play. */
    void reset() {
        java.util.Arrays.fill(samples, (short) 0);
        head = historyFrames;
        end = historyFrames;
        played = 0;
    }

    private void makeRoom(int frames) {
        if (end + frames <= capacityFrames) {
            return;
        }
        if (futureFrames() + frames > capacityFrames - historyFrames) {
            throw new IllegalStateException("sync buffer overflow: " + futureFrames() + " + " + frames);
        }
        int from = head - historyFrames;
        System.arraycopy(samples, from * channels, samples, 0, (end - from) * channels);
        System.arraycopy(missing, from, missing, 0, end - from);
        head -= from;
        end -= from;
    }
}
