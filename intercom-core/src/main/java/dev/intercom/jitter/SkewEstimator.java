package dev.intercom.jitter;

/**
 * Estimates the skew of the sender's clock against the playout clock: over the last minute of
 * playout, the frames the sender produced (the frames we consumed, plus however much the
 * playout delay grew) per frame we played, minus one. Everything the buffer does to its read
 * position counts (exact reads, faster or slower episodes, blocks held during an underrun,
 * backlogs skipped after one) and so cancels out; what remains is the clocks. Needs ten
 * seconds before it says anything.
 */
final class SkewEstimator {

    private static final int CHECKPOINTS = 7;

    private final long pollsPerCheckpoint;
    private final int blockFrames;
    private final long[] checkpointPoll = new long[CHECKPOINTS];
    private final double[] checkpointPosition = new double[CHECKPOINTS];
    private int checkpoints;
    private long polls;
    private long lastPoll;
    private double lastPosition;

    /** @param sampleRate frames per second; @param blockFrames frames played per poll */
    SkewEstimator(int sampleRate, int blockFrames) {
        this.blockFrames = blockFrames;
        this.pollsPerCheckpoint = Math.max(1, 10L * sampleRate / blockFrames);
    }

    void reset() {
        checkpoints = 0;
        polls = 0;
    }

    /**
     * Notes the state after one more poll of playout.
     *
     * @param readPosition the read position, in the sender's frames
     * @param delayFrames  the playout delay now, in frames
     */
    void played(double readPosition, double delayFrames) {
        readPosition += Double.isNaN(delayFrames) ? 0 : delayFrames;
        if (polls % pollsPerCheckpoint == 0) {
            int slot = (int) ((polls / pollsPerCheckpoint) % CHECKPOINTS);
            checkpointPoll[slot] = polls;
            checkpointPosition[slot] = readPosition;
            checkpoints = Math.min(CHECKPOINTS, checkpoints + 1);
        }
        lastPoll = polls;
        lastPosition = readPosition;
        polls++;
    }

    /** @return the skew in ppm, or NaN before ten seconds of playout */
    double skewPpm() {
        if (checkpoints < 2) {
            return Double.NaN;
        }
        long newest = lastPoll / pollsPerCheckpoint;
        int oldestSlot = (int) ((newest - (checkpoints - 1)) % CHECKPOINTS);
        long elapsedPolls = lastPoll - checkpointPoll[oldestSlot];
        double consumed = lastPosition - checkpointPosition[oldestSlot];
        return (consumed / ((double) elapsedPolls * blockFrames) - 1) * 1e6;
    }
}
