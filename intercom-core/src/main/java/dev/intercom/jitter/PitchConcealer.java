package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import java.util.Arrays;

/**
 * Packet loss concealment by pitch repetition, in the spirit of ITU-T G.711 Appendix I: a lost
 * stretch of voice is filled by repeating its last pitch period, which the ear hears as the
 * vowel going on, instead of a gap or a click.
 *
 * <ul>
 *   <li>It remembers the last ~50 ms it played (longer than any block, which may be 16 frames).
 *   <li>On the first missing block after good audio it measures the pitch period of that
 *       history ({@link PitchEstimator}) and replays the history from one period back, in a
 *       loop. Where the loop wraps, its last quarter period is crossfaded into the audio one
 *       loop-length earlier, so the wrap lands on a sample that really followed it: no click.
 *       The seam with the audio already played, which cannot be changed, is smoothed by adding
 *       the mismatch of the loop's start as an offset that decays over that same quarter period.
 *   <li>After every 10 ms of loss the loop grows by one period (up to three, and only over
 *       periods no more than twice as energetic as the newest), so a long loss does not buzz at
 *       one period's rate; the output keeps full level for 10 ms, then falls linearly by 20%
 *       per 10 ms and is exactly silent from 60 ms on. If the newest period was quieter than
 *       the one before (a sound dying away), that fall is continued on top: each copied frame
 *       is scaled by the fall over the time between it and where it is played.
 *   <li>History that is not periodic (noise, unvoiced consonants) is looped over three of the
 *       longest periods instead (fewer if the older ones are louder), which sounds like more of
 *       the same noise and fades the same way; history that is practically silent is concealed
 *       with silence.
 *   <li>When audio resumes, {@link #played} crossfades the continuation of the synthetic signal
 *       into the start of the received audio, in place, over 4 ms plus 1 ms per 10 ms of loss
 *       (at most 10 ms), continuing into the following blocks if a block is shorter.
 * </ul>
 *
 * <p>The pitch comes from the mean of the channels; each channel is synthesised from its own
 * history only. Everything is allocated by the constructor, and the output depends only on the
 * input.
 */
public final class PitchConcealer implements Concealer {

    /** The loss is played at full level for this long... */
    private static final double FULL_LEVEL_SECONDS = 0.010;
    /** ...and is silent from this long on, after a linear fade (20% per 10 ms). */
    private static final double SILENT_AFTER_SECONDS = 0.060;
    /** The loop grows by one pitch period each time this much of the loss has been played. */
    private static final double PERIOD_STEP_SECONDS = 0.010;
    /** The most periods looped: more would reach back into audio of a different pitch. */
    private static final int MAX_PERIODS = 3;
    /**
     * The loop only reaches back over periods at most this many times as energetic as the
     * newest one: replaying the louder end of an earlier syllable into a sound that was dying
     * away would be worse than a shorter loop.
     */
    private static final double LOUDER_PERIOD_LIMIT = 2.0;
    /** Below this correlation at the best period, the history is treated as noise. */
    private static final double VOICED_CORRELATION = 0.5;
    /** Below this RMS (in int16 steps, about -78 dBFS) on every channel, history is silence. */
    private static final double SILENT_RMS = 4.0;
    /** The crossfade back to received audio lasts this long... */
    private static final double BLEND_SECONDS = 0.004;
    /** ...plus this much per {@link #PERIOD_STEP_SECONDS} of loss, since the synthetic... */
    private static final double BLEND_GROWTH_SECONDS = 0.001;
    /** ...audio has drifted further from the real one, but at most this long. */
    private static final double BLEND_MAX_SECONDS = 0.010;

    private final int channels;
    private final PlayedHistory history;
    private final PitchEstimator estimator;
    private final int historyFrames;
    /**
     * The history at the start of the loss, each channel contiguous, oldest frame first; only
     * the newest frames that the loop and the silence check read are filled in.
     */
    private final float[] past;
    /** The mean of the channels of {@link #past}, for the pitch search. */
    private final float[] mono;
    /** Per channel: how far the loop's start is from continuing the last played sample. */
    private final float[] onsetOffset;
    /** Per channel: the synthetic frame {@link #nextSynthetic()} produced. */
    private final float[] synthetic;
    /** The energy of the mono history's newest period, the one before, and so on. */
    private final double[] periodEnergy = new double[MAX_PERIODS];
    private final int fullLevelFrames;
    private final int silentAfterFrames;
    private final int periodStepFrames;
    private final int blendFrames;
    private final int blendGrowthFrames;
    private final int blendMaxFrames;

    /** A loss is being concealed: the next {@link #played} blends out of it. */
    private boolean concealing;
    /** The history was silent: the synthetic signal is silence. */
    private boolean silent;
    private int period;
    private int periods;
    /** The most periods the loop may grow to in this loss. */
    private int maxPeriods;
    /**
     * Per frame of distance between a synthetic frame and the history frame it copies: the
     * factor that continues the fall in level over the last two periods, or 1.
     */
    private double decayPerFrame;
    /** The decay over the distance the loop currently copies from. */
    private float sourceGain;
    /** The decay over one loop length: the extra distance to the audio one loop earlier. */
    private float loopGain;
    private int overlap;
    /** The history frame the loop plays next. */
    private int read;
    /** Synthetic frames produced since the loss began, capped at {@link #silentAfterFrames}. */
    private int elapsed;
    private int blendLength;
    private int blended;
    /** The largest magnitude in the history the loss continues: the synthetic signal never exceeds it. */
    private float peak;

    /** @param format the stream whose blocks this concealer fills */
    public PitchConcealer(StreamFormat format) {
        int rate = format.sampleRate();
        this.channels = format.channels();
        this.estimator = new PitchEstimator(rate);
        int longest = estimator.maxPeriod();
        // Room for the longest loop plus the quarter period crossfaded in before its start.
        this.historyFrames = Math.max(estimator.requiredFrames(), MAX_PERIODS * longest + longest / 4 + 1);
        this.history = new PlayedHistory(channels, historyFrames);
        this.past = new float[channels * historyFrames];
        this.mono = new float[historyFrames];
        this.onsetOffset = new float[channels];
        this.synthetic = new float[channels];
        this.fullLevelFrames = frames(rate, FULL_LEVEL_SECONDS);
        this.silentAfterFrames = Math.max(fullLevelFrames + 1, frames(rate, SILENT_AFTER_SECONDS));
        this.periodStepFrames = frames(rate, PERIOD_STEP_SECONDS);
        this.blendFrames = frames(rate, BLEND_SECONDS);
        this.blendGrowthFrames = frames(rate, BLEND_GROWTH_SECONDS);
        this.blendMaxFrames = frames(rate, BLEND_MAX_SECONDS);
    }

    private static int frames(int rate, double seconds) {
        return Math.max(1, (int) Math.round(rate * seconds));
    }

    /**
     * Remembers frames about to be played. If they are the first after a loss (or the blend out
     * of the last loss is not finished), they are crossfaded from the synthetic signal into the
     * received audio in place, so playback does not jump where the real audio resumes.
     */
    @Override
    public void played(short[] samples, int offset, int frames) {
        if (concealing) {
            concealing = false;
            blendLength = Math.min(blendMaxFrames, blendFrames + blendGrowthFrames * (elapsed / periodStepFrames));
            blended = 0;
        }
        int blending = Math.min(frames, blendLength - blended);
        for (int f = 0; f < blending; f++) {
            nextSynthetic();
            blended++;
            float toReal = (float) blended / (blendLength + 1);
            int base = (offset + f) * channels;
            for (int c = 0; c < channels; c++) {
                float s = synthetic[c];
                samples[base + c] = toSample(s + toReal * (samples[base + c] - s));
            }
        }
        history.append(samples, offset, frames);
    }

    /**
     * Writes the next frames of the synthetic continuation. They are remembered as played, so
     * a loss that follows a short run of received audio continues what was really heard.
     */
    @Override
    public void conceal(short[] samples, int offset, int frames) {
        if (!concealing) {
            startLoss();
        }
        if (silent || elapsed >= silentAfterFrames) {
            Arrays.fill(samples, offset * channels, (offset + frames) * channels, (short) 0);
            elapsed = (int) Math.min(silentAfterFrames, (long) elapsed + frames);
        } else {
            for (int f = 0; f < frames; f++) {
                nextSynthetic();
                int base = (offset + f) * channels;
                for (int c = 0; c < channels; c++) {
                    samples[base + c] = toSample(synthetic[c]);
                }
            }
        }
        history.append(samples, offset, frames);
    }

    /**
     * Starts a loss of no length: the next {@link #played} frames are cross-faded from the
     * continuation of what was played, so a jump in the stream is not heard as a click.
     */
    @Override
    public void discontinuity() {
        if (!concealing) {
            startLoss();
        }
    }

    /** Analyses the history and sets the loop up, once per loss. */
    private void startLoss() {
        concealing = true;
        elapsed = 0;
        blendLength = 0;
        blended = 0;
        history.mix(mono);
        int found = estimator.estimate(mono, historyFrames);
        boolean voiced = estimator.correlation() >= VOICED_CORRELATION;
        // Noise has no period: loop as much of it as may be, which repeats least audibly.
        period = voiced ? found : estimator.maxPeriod();
        measurePeriodEnergies();
        maxPeriods = periodsNoLouderThanTheNewest();
        periods = voiced ? 1 : maxPeriods;
        double fall = periodEnergy[1] > 0 ? Math.max(0.01, Math.min(1, periodEnergy[0] / periodEnergy[1])) : 1;
        decayPerFrame = Math.pow(fall, 0.5 / period); // an energy ratio per period, as amplitude per frame
        overlap = Math.max(1, period / 4);
        int analysed = Math.max(estimator.window(), maxPeriods * period + overlap);
        history.unroll(past, analysed);
        peak = peakOfNewest(analysed);
        silent = isSilent();
        int loop = periods * period;
        read = historyFrames - loop;
        // The first synthetic frame copies the frame one loop before it.
        loopGain = (float) Math.pow(decayPerFrame, loop);
        sourceGain = loopGain;
        for (int c = 0; c < channels; c++) {
            int last = c * historyFrames + historyFrames - 1;
            onsetOffset[c] = past[last] - past[last - loop] * loopGain;
        }
    }

    /** @return the largest magnitude of any channel's newest {@code frames} frames of history */
    private float peakOfNewest(int frames) {
        float max = 0;
        for (int c = 0; c < channels; c++) {
            int end = (c + 1) * historyFrames;
            for (int i = end - frames; i < end; i++) {
                max = Math.max(max, Math.abs(past[i]));
            }
        }
        return max;
    }

    /** Fills {@link #periodEnergy} from the mono history, one {@link #period} at a time. */
    private void measurePeriodEnergies() {
        for (int k = 0; k < MAX_PERIODS; k++) {
            double energy = 0;
            int end = historyFrames - k * period;
            for (int i = end - period; i < end; i++) {
                energy += mono[i] * mono[i];
            }
            periodEnergy[k] = energy;
        }
    }

    /** @return how many of the newest periods of history the loop may span, 1..MAX_PERIODS */
    private int periodsNoLouderThanTheNewest() {
        for (int k = 1; k < MAX_PERIODS; k++) {
            if (periodEnergy[k] > LOUDER_PERIOD_LIMIT * periodEnergy[0]) {
                return k;
            }
        }
        return MAX_PERIODS;
    }

    /** @return whether every channel's recent history is too quiet to be worth repeating */
    private boolean isSilent() {
        int window = estimator.window();
        double limit = SILENT_RMS * SILENT_RMS * window;
        for (int c = 0; c < channels; c++) {
            double energy = 0;
            int end = (c + 1) * historyFrames;
            for (int i = end - window; i < end; i++) {
                energy += past[i] * past[i];
            }
            if (energy >= limit) {
                return false;
            }
        }
        return true;
    }

    /** Puts the next synthetic frame in {@link #synthetic} and moves the loop on. */
    private void nextSynthetic() {
        float gain = gainAt(elapsed);
        if (silent || gain <= 0f) {
            Arrays.fill(synthetic, 0f);
        } else {
            int loop = periods * period;
            int tailStart = historyFrames - overlap;
            // In the loop's last quarter period, fade into the audio one loop earlier, which
            // leads exactly into the loop's first frame.
            float toEarlier = read >= tailStart ? (float) (read - tailStart + 1) / (overlap + 1) : 0f;
            float onset = elapsed < overlap ? (float) (overlap - elapsed) / (overlap + 1) : 0f;
            float earlierGain = sourceGain * loopGain;
            for (int c = 0; c < channels; c++) {
                int at = c * historyFrames + read;
                float v = past[at] * sourceGain;
                if (toEarlier > 0f) {
                    v += toEarlier * (past[at - loop] * earlierGain - v);
                }
                // The seam's offset and the decay's compensation can add up past the audio they
                // continue: a concealment is never louder than what it conceals the end of.
                synthetic[c] = Math.max(-peak, Math.min(peak, (v + onset * onsetOffset[c]) * gain));
            }
            if (++read == historyFrames) {
                // Copying from one loop further back: that audio was louder by a loop's decay.
                read = historyFrames - loop;
                sourceGain = earlierGain;
                // Grow the loop only here, where the next frame is the same in either loop.
                if (periods < maxPeriods && elapsed >= periods * periodStepFrames) {
                    periods++;
                    loopGain = (float) Math.pow(decayPerFrame, periods * period);
                }
            }
        }
        if (elapsed < silentAfterFrames) {
            elapsed++;
        }
    }

    /** @return the level of the synthetic signal {@code frames} into the loss, 0..1 */
    private float gainAt(int frames) {
        if (frames < fullLevelFrames) {
            return 1f;
        }
        return 1f - (float) (frames - fullLevelFrames) / (silentAfterFrames - fullLevelFrames);
    }

    private static short toSample(float v) {
        int s = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
    }
}
