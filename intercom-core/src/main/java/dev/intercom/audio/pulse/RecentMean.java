package dev.intercom.audio.pulse;

import java.util.OptionalDouble;

/** The mean of the last few values seen; a missing value is skipped. One thread only. */
final class RecentMean {

    private final double[] values;
    private int count;
    private int next;

    RecentMean(int size) {
        this.values = new double[size];
    }

    /**
     * @param value the newest value, or empty when there was none this time
     * @return the mean of the last values seen (up to the size), NaN before the first
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
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum / count;
    }
}
