package dev.intercom.config;

import dev.intercom.audio.StreamFormat;
import dev.intercom.problem.ConfigException;
import java.util.Optional;

/**
 * The playout delay and the jitter buffer's size, as the CLI's playout options give them
 * ({@code --jitter}, {@code --jitter-loss}, {@code --jitter-min}, {@code --jitter-max}), in
 * frames of the stream's format.
 *
 * @param requestedJitterMs the fixed target asked for in milliseconds, empty for {@code --jitter auto}
 * @param targetFrames      the fixed target rounded to whole blocks; for auto, the one it starts from
 * @param jitterLossPercent the share of packets the adaptive target lets arrive too late
 * @param minTargetFrames   the adaptive target's lower bound
 * @param maxTargetFrames   the adaptive target's upper bound
 * @param capacityFrames    the jitter buffer's ring size, a power of two
 */
public record PlayoutConfig(Optional<Double> requestedJitterMs, int targetFrames, double jitterLossPercent,
        int minTargetFrames, int maxTargetFrames, int capacityFrames) {

    public static final double MAX_JITTER_MS = 1_000;

    /**
     * Checks the playout flags and derives the target and the ring size for {@code format}.
     *
     * @param jitterMs {@code null} for {@code --jitter auto}
     * @throws ConfigException naming the first bad flag
     */
    static PlayoutConfig of(StreamFormat format, Double jitterMs, double jitterLossPercent, double jitterMinMs,
            double jitterMaxMs) {
        Ranges.requireAutoOrRange("--jitter", jitterMs, 0, MAX_JITTER_MS);
        if (!(jitterLossPercent >= 0.01 && jitterLossPercent <= 50)) {
            throw new ConfigException("--jitter-loss", "must be from 0.01 to 50 percent (got " + jitterLossPercent + ")");
        }
        if (!(jitterMinMs >= 0 && jitterMinMs <= MAX_JITTER_MS)) {
            throw new ConfigException("--jitter-min", "must be from 0 to " + (int) MAX_JITTER_MS + " ms (got "
                    + jitterMinMs + ")");
        }
        if (!(jitterMaxMs >= jitterMinMs && jitterMaxMs <= MAX_JITTER_MS && jitterMaxMs > 0)) {
            throw new ConfigException("--jitter-max", "must be above 0, at least --jitter-min (" + jitterMinMs
                    + ") and at most " + (int) MAX_JITTER_MS + " ms (got " + jitterMaxMs + ")");
        }
        int block = format.blockFrames();
        int minTarget = (int) Math.round(jitterMinMs * format.sampleRate() / 1000.0);
        int maxTarget = (int) Math.round(jitterMaxMs * format.sampleRate() / 1000.0);
        int target;
        if (jitterMs != null) {
            target = (int) (Math.round(jitterMs * format.sampleRate() / 1000.0 / block) * block);
        } else {
            // Where --jitter auto starts before the first packets say more: one block, within the bounds.
            target = Math.max(minTarget, Math.min(maxTarget, block));
        }
        int largestTarget = jitterMs != null ? target : maxTarget;
        // Room for the largest target, the phase and a generous burst: at least four times
        // (target + block), and at least two seconds, so that the backlog a stalled sender (or
        // network) delivers at once fits and is shed by the playout's drop rule at a packet
        // boundary; a ring that overflowed under it jumped its read position instead (seen as a
        // fixed 20 ms target playing 4 ms late for good after a 1.5 s SIGSTOP of the sender).
        int capacity = Integer.highestOneBit(Math.max(4 * (largestTarget + 2 * block), 2 * format.sampleRate()) - 1) << 1;
        return new PlayoutConfig(Optional.ofNullable(jitterMs), target, jitterLossPercent, minTarget, maxTarget,
                capacity);
    }

    /** @return whether the playout delay follows the network ({@code --jitter auto}) */
    public boolean adaptive() {
        return requestedJitterMs.isEmpty();
    }
}
