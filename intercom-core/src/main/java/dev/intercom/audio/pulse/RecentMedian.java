package dev.intercom.audio.pulse;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The median of the last few values seen; a missing value is skipped. A median, not a mean: one
 * wild answer (a sink still at its idle latency of seconds while a stream starts) must not move
 * the figure. One thread only.
 */
final class RecentMedian {

    private final double[] values;
    private final double[] sorted;
    private int count;
    private int next;

    RecentMedian(int size) {
        this.values = new double[size];
        this.sorted = new double[size];
    }

    /**
     * @param value the newest value, or empty when there was none this time
     * @return the median of the last values seen (up to the size; of an even count, the lower of
     *     the middle two, so that of two values a wild one is not the answer), NaN before the first
     */
    double add(OptionalDouble value) {
        if (value.isPresent()) {
            values[next] = value.getAsDouble();
            next = (next + 1) % values.length;
            count = Math.min(count + 1, values.length);
        }
        if (count == 0) {
            return Double.NaN;
        }
        System.arraycopy(values, 0, sorted, 0, count);
        Arrays.sort(sorted, 0, count);
        return sorted[(count - 1) / 2];
    }
}
