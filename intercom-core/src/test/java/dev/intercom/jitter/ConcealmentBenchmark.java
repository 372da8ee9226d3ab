package dev.intercom.jitter;

import dev.intercom.audio.StreamFormat;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How well each concealer hides random packet loss in speech-like audio. Prints, for each loss
 * rate, block size and concealer, what was played against the clean signal:
 *
 * <ul>
 *   <li>{@code SNR}: over the whole signal;
 *   <li>{@code segSNR}: the mean over 10 ms segments, each clamped to [-10, 35] dB;
 *   <li>{@code lossSNR}: over the lost blocks and the 10 ms after each (where a concealer
 *       blends back), pooled;
 *   <li>{@code lossSegSNR}: the mean clamped SNR of the 10 ms segments those frames touch;
 *   <li>{@code step}: the largest step between samples in those frames, over the largest in
 *       the whole clean signal: above 1, a click that the clean signal never has;
 *   <li>{@code ns/block}: the concealer's time per block (played or concealed), after a warm-up.
 * </ul>
 *
 * <p>SNR rewards a concealer only where it predicts the waveform sample for sample, and does
 * not see clicks; take it as one view. Figures only, no assertions; grep the output for
 * {@code PLC }.
 */
@Tag("benchmark")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcealmentBenchmark {

    private static final int RATE = 48_000;
    private static final double SECONDS = 10;
    private static final long SIGNAL_SEED = 20_240_601L;
    private static final long LOSS_SEED = 99L;
    private static final double[] LOSS_RATES = {0.02, 0.05, 0.10};
    private static final int[] BLOCKS = {128, 480};
    private static final int SEGMENT = RATE / 100;
    private static final double SEGMENT_FLOOR_DB = -10;
    private static final double SEGMENT_CEILING_DB = 35;
    /** After a lost block, this many frames still count as affected by it (the blend back). */
    private static final int AFTER_LOSS = RATE / 100;

    private record Candidate(String name, Function<StreamFormat, Concealer> make) {
    }

    private static final Candidate[] CONCEALERS = {
        new Candidate("silence", SilenceConcealer::new),
        new Candidate("repeat-fade", RepeatFadeConcealer::new),
        new Candidate("pitch", PitchConcealer::new),
    };

    @Test
    void printsTheQualityOfEachConcealerUnderRandomLoss() {
        short[] speech = SpeechLikeSignal.generate(RATE, SECONDS, SIGNAL_SEED);
        int cleanStep = ConcealmentSignals.maxJump(speech, 0, speech.length);
        System.out.printf(Locale.ROOT, "PLC speech-like signal: %.0f s at %d Hz mono; segments of 10 ms clamped to [%.0f, %.0f] dB; "
                + "loss* = lost blocks + the 10 ms after each%n", SECONDS, RATE, SEGMENT_FLOOR_DB, SEGMENT_CEILING_DB);
        System.out.printf(Locale.ROOT, "PLC %5s %6s %6s %-12s %7s %9s %10s %13s %6s %9s%n",
                "loss", "block", "lost", "concealer", "SNR_dB", "segSNR_dB", "lossSNR_dB", "lossSegSNR_dB", "step", "ns/block");
        for (double loss : LOSS_RATES) {
            for (int blockFrames : BLOCKS) {
                StreamFormat format = new StreamFormat(RATE, 1, blockFrames);
                int blocks = speech.length / blockFrames;
                int frames = blocks * blockFrames;
                boolean[] lost = lossPattern(blocks, loss, LOSS_SEED + blockFrames);
                boolean[] affected = framesAffectedByLoss(lost, blockFrames, frames);
                boolean[] touched = segmentsTouched(affected);
                int lostBlocks = 0;
                for (boolean l : lost) {
                    lostBlocks += l ? 1 : 0;
                }
                for (Candidate candidate : CONCEALERS) {
                    short[] out = null;
                    long nanos = Long.MAX_VALUE;
                    for (int run = 0; run < 4; run++) { // the first warms up; the fastest of the rest counts
                        Concealer concealer = candidate.make().apply(format);
                        long start = System.nanoTime();
                        out = ConcealmentSignals.playOut(concealer, format, speech, lost);
                        nanos = run == 0 ? nanos : Math.min(nanos, System.nanoTime() - start);
                    }
                    System.out.printf(Locale.ROOT, "PLC %4.0f%% %6d %6d %-12s %7.2f %9.2f %10.2f %13.2f %6.2f %9d%n",
                            loss * 100, blockFrames, lostBlocks, candidate.name(),
                            ConcealmentSignals.snrDb(speech, out, 0, frames),
                            segmentalSnrDb(speech, out, null),
                            pooledSnrDb(speech, out, affected),
                            segmentalSnrDb(speech, out, touched),
                            (double) maxStep(out, affected) / cleanStep,
                            nanos / blocks);
                }
            }
        }
    }

    /** @return independently lost blocks, each with probability {@code rate}, never the first */
    private static boolean[] lossPattern(int blocks, double rate, long seed) {
        Random random = new Random(seed);
        boolean[] lost = new boolean[blocks];
        for (int b = 1; b < blocks; b++) {
            lost[b] = random.nextDouble() < rate;
        }
        return lost;
    }

    /** @return per frame: whether it was lost or lies within {@link #AFTER_LOSS} after a loss */
    private static boolean[] framesAffectedByLoss(boolean[] lost, int blockFrames, int frames) {
        boolean[] affected = new boolean[frames];
        for (int b = 0; b < lost.length; b++) {
            if (lost[b]) {
                int end = Math.min(frames, (b + 1) * blockFrames + AFTER_LOSS);
                for (int i = b * blockFrames; i < end; i++) {
                    affected[i] = true;
                }
            }
        }
        return affected;
    }

    /** @return per 10 ms segment: whether any of its frames is marked in {@code frames} */
    private static boolean[] segmentsTouched(boolean[] frames) {
        boolean[] touched = new boolean[frames.length / SEGMENT];
        for (int i = 0; i < touched.length * SEGMENT; i++) {
            touched[i / SEGMENT] |= frames[i];
        }
        return touched;
    }

    /** @return the SNR over the frames marked in {@code include}, energies summed */
    private static double pooledSnrDb(short[] clean, short[] out, boolean[] include) {
        double signal = 0;
        double error = 0;
        for (int i = 0; i < include.length; i++) {
            if (include[i]) {
                double e = out[i] - clean[i];
                signal += (double) clean[i] * clean[i];
                error += e * e;
            }
        }
        return 10 * Math.log10(signal / error);
    }

    /** @return the largest step into any frame marked in {@code include} */
    private static int maxStep(short[] out, boolean[] include) {
        int max = 0;
        for (int i = 1; i < include.length; i++) {
            if (include[i]) {
                max = Math.max(max, Math.abs(out[i] - out[i - 1]));
            }
        }
        return max;
    }

    /** @return the mean SNR over 10 ms segments (only those {@code include} marks, if given) */
    private static double segmentalSnrDb(short[] clean, short[] out, boolean[] include) {
        double sum = 0;
        int count = 0;
        for (int s = 0; (s + 1) * SEGMENT <= out.length; s++) {
            if (include != null && (s >= include.length || !include[s])) {
                continue;
            }
            double snr = ConcealmentSignals.snrDb(clean, out, s * SEGMENT, (s + 1) * SEGMENT);
            sum += Math.max(SEGMENT_FLOOR_DB, Math.min(SEGMENT_CEILING_DB, snr));
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
