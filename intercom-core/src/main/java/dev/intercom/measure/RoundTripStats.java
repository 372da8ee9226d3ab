package dev.intercom.measure;

import java.util.List;

/**
 * Minimum, median, 95th percentile and maximum of the round trips found (nearest-rank
 * percentiles: every figure is one that was measured).
 *
 * @param count  measurements behind the figures
 * @param min    the shortest, ms
 * @param median the median, ms
 * @param p95    the 95th percentile, ms
 * @param max    the longest, ms
 */
public record RoundTripStats(int count, double min, double median, double p95, double max) {

    /**
     * @param measurements all measurements; only those {@link Measurement#found() found} count
     * @throws NoEchoException if none was found
     */
    public static RoundTripStats of(List<Measurement> measurements) {
        double[] ms = measurements.stream().filter(Measurement::found).mapToDouble(Measurement::ms).sorted().toArray();
        if (ms.length == 0) {
            double best = measurements.stream().mapToDouble(Measurement::score).max().orElse(0);
            throw new NoEchoException(measurements.size(), best);
        }
        return new RoundTripStats(ms.length, ms[0], rank(ms, 0.5), rank(ms, 0.95), ms[ms.length - 1]);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** @return e.g. {@code "min 23.10 / median 23.40 / p95 24.00 / max 24.10 ms"} */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "min %.2f / median %.2f / p95 %.2f / max %.2f ms", min, median,
                p95, max);
    }
}
