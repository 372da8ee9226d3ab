package dev.intercom.jitter;

import java.util.function.IntBinaryOperator;

/**
 * Changes how long the audio waiting in a {@link SyncBuffer} lasts without changing its pitch
 * (WSOLA, as NetEQ's accelerate and preemptive expand do): it removes or repeats <em>whole
 * pitch periods</em> at the junction between the played audio and the audio to come, and
 * cross-fades over the splice, so a periodic signal goes on as if nothing happened.
 *
 * <p>The period is the lag, from {@link PitchEstimator#MIN_PERIOD_SECONDS} to
 * {@link PitchEstimator#MAX_PERIOD_SECONDS}, at which the last played {@value #WINDOW_SECONDS}
 * s best match the audio one lag later (normalised cross-correlation of the mean of the
 * channels). Below {@value #PERIODIC_CORRELATION} nothing is done: splicing audio that does
 * not repeat would be heard. Quiet audio (below about -50 dBFS) has no pitch to keep, and
 * any amount is removed or inserted there with a one-millisecond cross-fade.
 *
 * <p>Because the history takes part, an operation needs only one period of audio to come, not
 * two, which matters for the small buffers of a low-latency session. Nothing is allocated
 * after construction.
 */
final class TimeScaler {

    /** The stretch of played audio compared with the audio one period later. */
    static final double WINDOW_SECONDS = 0.005;
    /** A lag shorter than the best-matching one is taken if it matches at least this share as well. */
    static final double SHORTER_LAG_SHARE = 0.95;
    /** The least normalised correlation at which audio counts as repeating with a period. */
    static final double PERIODIC_CORRELATION = 0.9;
    /** RMS (int16 steps) below which audio is quiet enough to cut or pad anywhere: about -50 dBFS. */
    static final double QUIET_RMS = 100;
    /** The cross-fade over a cut or pad in quiet audio. */
    static final double QUIET_FADE_SECONDS = 0.001;

    /** Compare the played audio with the audio to come. */
    private static final int AHEAD = 1;
    /** Compare the played audio with the played audio before it. */
    private static final int BEHIND = -1;

    private final int minPeriod;
    private final int maxPeriod;
    private final int window;
    private final int quietFade;
    private final int stride;
    /** The correlation at every {@link #stride}-th lag of the coarse search. */
    private final double[] coarse;

    /** @param sampleRate frames per second */
    TimeScaler(int sampleRate) {
        this.minPeriod = Math.max(2, (int) Math.round(sampleRate * PitchEstimator.MIN_PERIOD_SECONDS));
        this.maxPeriod = Math.max(minPeriod + 1, (int) Math.round(sampleRate * PitchEstimator.MAX_PERIOD_SECONDS));
        this.window = Math.max(minPeriod, (int) Math.round(sampleRate * WINDOW_SECONDS));
        this.quietFade = Math.max(1, (int) Math.round(sampleRate * QUIET_FADE_SECONDS));
        // The search runs every `stride` lags first (about 8 kHz resolution), then around the winner.
        this.stride = Math.max(1, sampleRate / 8000);
        this.coarse = new double[(maxPeriod - minPeriod) / stride + 1];
    }

    /** @return played frames an operation looks back at: the window plus the longest period */
    int historyFrames() {
        return window + maxPeriod;
    }

    /** @return the longest period, the most one voiced operation moves */
    int maxPeriod() {
        return maxPeriod;
    }

    /** @return the shortest period, the least one voiced operation moves */
    int minPeriod() {
        return minPeriod;
    }

    /**
     * Removes whole periods (or, in quiet audio, any amount) from the start of the audio to come.
     *
     * @param buffer the audio; its history must be at least {@link #historyFrames()}
     * @param force  cut at the best-matching lag even if the audio does not repeat (music,
     *               noise: a cross-faded cut of it is heard less than a surplus left to grow)
     * @param choose given the unit the audio allows cutting by (its period, or 1 in quiet audio)
     *               and the most it allows, the frames to cut: a multiple of the unit up to the
     *               most, or 0 for none
     * @return frames removed; 0 if the audio allowed no seamless cut
     */
    int accelerate(SyncBuffer buffer, boolean force, IntBinaryOperator choose) {
        int future = buffer.futureFrames();
        if (quiet(buffer)) {
            // Only from the quiet stretch: a cut that reached past it would take the start of
            // the sound that ends the pause (a word's onset) and fade into it abruptly.
            int cut = choose.applyAsInt(1, quietFramesAhead(buffer) - quietFade);
            if (cut < 1) {
                return 0;
            }
            crossFade(buffer, 0, cut, quietFade);
            buffer.remove(quietFade, cut);
            return cut;
        }
        int period = bestPeriod(buffer, future - 1, force, AHEAD);
        if (period < 0) {
            return 0;
        }
        // Enough must follow the cut to fade over: audio that repeats (correlation 0.9 or more)
        // differs from itself a period on by less than half its amplitude, which a millisecond
        // smooths below the signal's own slope; a forced cut of audio that does not repeat
        // needs the whole period.
        int cut = choose.applyAsInt(period, future - (force ? period : quietFade));
        if (cut < 1) {
            return 0;
        }
        // Fade from the audio here into the audio whole periods on, then continue from there.
        int fade = Math.min(cut, future - cut);
        crossFade(buffer, 0, cut, fade);
        buffer.remove(fade, cut);
        return cut;
    }

    /**
     * Repeats whole periods of the played audio (or, in quiet audio, inserts any amount) at the
     * start of the audio to come.
     *
     * @param buffer the audio; its history must be at least {@link #historyFrames()}
     * @param room   the most frames the buffer can take
     * @param force  repeat the best-matching lag even if the audio does not repeat
     * @param choose given the unit the audio allows inserting by (its period, or 1 in quiet
     *               audio) and the most it allows, the frames to insert: a multiple of the unit
     *               up to the most, or 0 for none
     * @return frames inserted; 0 if the audio allowed no seamless repeat
     */
    int expand(SyncBuffer buffer, int room, boolean force, IntBinaryOperator choose) {
        int future = buffer.futureFrames();
        if (quietBefore(buffer)) {
            // After silence (the start of a stream, a pause), a pause before what comes next is
            // not heard at all: fade the last sample out and wait.
            int pause = choose.applyAsInt(1, room);
            if (pause < 1) {
                return 0;
            }
            buffer.insertAtHead(pause);
            fadeOutInto(buffer, pause);
            return pause;
        }
        int length;
        if (quiet(buffer)) {
            length = choose.applyAsInt(1, Math.min(room, Math.min(future, buffer.playedHistoryFrames())));
        } else {
            // Audio that does not repeat is as good at any short lag.
            int longest = force ? 2 * minPeriod : room;
            int period = bestPeriod(buffer, Math.min(longest, future), force, AHEAD);
            if (period < 1) {
                // Too little to come to compare with (a small buffer): the period of the played
                // audio alone will do, since it is the played audio that is repeated.
                period = bestPeriod(buffer, longest, force, BEHIND);
            }
            length = period < 1 ? 0 : choose.applyAsInt(period, Math.min(room, buffer.playedHistoryFrames()));
        }
        if (length < 1) {
            return 0;
        }
        if (future < length) {
            repeatLastPeriod(buffer, length);
            return length;
        }
        buffer.insertAtHead(length);
        // The inserted frames fade from what really comes next into what came one period
        // earlier, which leads seamlessly into what really comes next, now one period later.
        crossFade(buffer, length, -length, length);
        return length;
    }

    /**
     * Inserts a copy of the last {@code period} played frames at the head: it follows the last
     * played frame as the period before it did, and what comes next follows it as it followed
     * the played audio.
     */
    private static void repeatLastPeriod(SyncBuffer buffer, int period) {
        buffer.insertAtHead(period);
        short[] s = buffer.samples();
        int channels = buffer.channels();
        int head = buffer.head();
        System.arraycopy(s, (head - period) * channels, s, head * channels, period * channels);
        // Where the copy begins it may not meet the last played frame (audio that does not
        // repeat exactly): add the mismatch with the frame that would have come next, fading
        // it out over the first quarter of the copy, so the seam does not jump.
        int fade = Math.max(1, period / 4);
        for (int c = 0; c < channels; c++) {
            int last = (head - 1) * channels + c;
            int beforeLast = (head - 2) * channels + c;
            double expected = 2.0 * s[last] - s[beforeLast];
            double offset = expected - s[head * channels + c];
            for (int i = 0; i < fade; i++) {
                int at = (head + i) * channels + c;
                double v = s[at] + offset * (fade - i) / (fade + 1.0);
                s[at] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
            }
        }
    }

    /** Fills the {@code frames} frames at the head with the last played frame fading to silence. */
    private static void fadeOutInto(SyncBuffer buffer, int frames) {
        short[] s = buffer.samples();
        int channels = buffer.channels();
        int head = buffer.head();
        int last = (head - 1) * channels;
        for (int i = 0; i < frames; i++) {
            float level = 1f - (float) (i + 1) / frames;
            for (int c = 0; c < channels; c++) {
                s[(head + i) * channels + c] = (short) Math.round(s[last + c] * level);
            }
        }
    }

    /**
     * Writes into the first {@code frames} frames to come a fade from the frames {@code from}
     * frames after the head into those {@code to} frames after it (negative: before it, in the
     * played history).
     */
    private static void crossFade(SyncBuffer buffer, int from, int to, int frames) {
        short[] s = buffer.samples();
        int channels = buffer.channels();
        int head = buffer.head();
        for (int i = 0; i < frames; i++) {
            float toSecond = (float) (i + 1) / (frames + 1);
            int at = (head + i) * channels;
            int first = (head + from + i) * channels;
            int second = (head + to + i) * channels;
            for (int c = 0; c < channels; c++) {
                s[at + c] = mix(s[first + c], s[second + c], toSecond);
            }
        }
    }

    private static short mix(short from, short to, float toShare) {
        return (short) Math.round(from + toShare * (to - from));
    }

    /**
     * @param longest the longest lag allowed
     * @param force   whether any best lag will do
     * @param direction {@link #AHEAD}: the played window against the audio one lag later;
     *                {@link #BEHIND}: against the played audio one lag earlier
     * @return the lag at which the played window best matches the audio one lag later, or -1
     *     if none up to {@code longest} correlates at least {@link #PERIODIC_CORRELATION} (unless forced)
     */
    private int bestPeriod(SyncBuffer buffer, int longest, boolean force, int direction) {
        int hi = Math.min(maxPeriod, longest);
        if (direction == BEHIND) {
            hi = Math.min(hi, buffer.playedHistoryFrames() - playedWindow(buffer));
        }
        if (hi < minPeriod || playedWindow(buffer) < minPeriod) {
            return -1; // too little played to compare with (a stream that has just begun)
        }
        double bestCorrelation = -1;
        int lags = 0;
        for (int lag = minPeriod; lag <= hi; lag += stride) {
            coarse[lags] = correlation(buffer, direction * lag);
            bestCorrelation = Math.max(bestCorrelation, coarse[lags]);
            lags++;
        }
        // A periodic signal matches itself at every multiple of its period: take the shortest
        // lag that matches nearly as well as the best, the period itself.
        int chosen = minPeriod;
        for (int i = 0; i < lags; i++) {
            if (coarse[i] >= SHORTER_LAG_SHARE * bestCorrelation) {
                chosen = minPeriod + i * stride;
                break;
            }
        }
        int best = chosen;
        double chosenCorrelation = correlation(buffer, direction * chosen);
        for (int lag = Math.max(minPeriod, chosen - stride + 1); lag <= Math.min(hi, chosen + stride - 1); lag++) {
            double r = correlation(buffer, direction * lag);
            if (r > chosenCorrelation) {
                chosenCorrelation = r;
                best = lag;
            }
        }
        return force || chosenCorrelation >= PERIODIC_CORRELATION ? best : -1;
    }

    /** Normalised correlation of the last played window with the window {@code lag} frames later (earlier if negative). */
    private double correlation(SyncBuffer buffer, int lag) {
        short[] s = buffer.samples();
        int channels = buffer.channels();
        int window = playedWindow(buffer);
        int from = buffer.head() - window;
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < window; i++) {
            double x = monoAt(s, (from + i) * channels, channels);
            double y = monoAt(s, (from + lag + i) * channels, channels);
            xy += x * y;
            xx += x * x;
            yy += y * y;
        }
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }

    private static double monoAt(short[] s, int base, int channels) {
        int sum = 0;
        for (int c = 0; c < channels; c++) {
            sum += s[base + c];
        }
        return sum;
    }

    /** @return whether the last played window is below {@link #QUIET_RMS} */
    private boolean quietBefore(SyncBuffer buffer) {
        return quietBetween(buffer, buffer.head() - playedWindow(buffer), buffer.head());
    }

    /** @return the frames of history compared: the window, or what has been played of the stream if less */
    private int playedWindow(SyncBuffer buffer) {
        return Math.min(window, buffer.playedHistoryFrames());
    }

    /** @return whether the last played window and as much to come are all below {@link #QUIET_RMS} */
    private boolean quiet(SyncBuffer buffer) {
        return quietBetween(buffer, buffer.head() - playedWindow(buffer),
                buffer.head() + Math.min(window, buffer.futureFrames()));
    }

    /**
     * @return how many of the frames to come are quiet from the head on, judged a window at a
     *     time (a last, shorter stretch as a whole): the most a cut in quiet audio may span
     */
    private int quietFramesAhead(SyncBuffer buffer) {
        int future = buffer.futureFrames();
        int head = buffer.head();
        int quiet = 0;
        while (quiet < future) {
            int to = Math.min(future, quiet + window);
            if (!quietBetween(buffer, head + quiet, head + to)) {
                break;
            }
            quiet = to;
        }
        return quiet;
    }

    /** @return whether frames {@code [from, to)} of the buffer are below {@link #QUIET_RMS} (an empty stretch is) */
    private static boolean quietBetween(SyncBuffer buffer, int from, int to) {
        short[] s = buffer.samples();
        int channels = buffer.channels();
        double energy = 0;
        for (int i = from * channels; i < to * channels; i++) {
            energy += (double) s[i] * s[i];
        }
        return energy <= QUIET_RMS * QUIET_RMS * (to - from) * channels;
    }
}
