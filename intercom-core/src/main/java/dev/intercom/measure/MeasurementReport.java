package dev.intercom.measure;

import dev.intercom.stats.SessionSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Words and CSV rows for measurements: one line each, the {@code round trip:} summary, the split. */
public final class MeasurementReport {

    /** The CSV header {@link #writeCsv} writes. */
    public static final String CSV_HEADER = "n,round_trip_ms,round_trip_frames,correlation,found";

    private MeasurementReport() {
    }

    /** @return e.g. {@code "measurement 3: round trip 23.46 ms (1126 frames), correlation 0.98"} */
    public static String line(Measurement m) {
        if (!m.found()) {
            return String.format(Locale.ROOT, "measurement %d: no echo (best correlation %.2f)", m.n(), m.score());
        }
        return String.format(Locale.ROOT, "measurement %d: round trip %.2f ms (%d frames), correlation %.2f", m.n(),
                m.ms(), m.frames(), m.score());
    }

    /**
     * @return the summary line, beginning {@code round trip:}
     * @throws NoEchoException if no measurement found its echo
     */
    public static String summary(List<Measurement> measurements, int sampleRate) {
        RoundTripStats stats = RoundTripStats.of(measurements);
        return String.format(Locale.ROOT, "round trip: %s (median %d frames at %d Hz) over %d of %d bursts",
                stats.describe(), Math.round(stats.median() * sampleRate / 1000), sampleRate, stats.count(),
                measurements.size());
    }

    /**
     * What {@code measure --local} ends with: the devices' round trip and the flag that gives it
     * to a session on the same devices.
     *
     * @param medianMs the measured median round trip through the loop
     * @return e.g. {@code "device round trip 23.4 ms: pass --device-latency 23.4 to a peer (or loopback) on
     *     these devices"}
     */
    public static String deviceLatencyAdvice(double medianMs) {
        String ms = String.format(Locale.ROOT, "%.1f", medianMs);
        return "device round trip " + ms + " ms: pass --device-latency " + ms + " to a peer (or loopback) on these"
                + " devices, so that its e2e_latency_ms counts the measured devices instead of their estimate";
    }

    /**
     * The round trip split as far as our side knows it: the network's share from RTCP, our jitter
     * buffer's from our statistics, and the rest (the far end's buffer and its device loop, the
     * blocks and codec at both ends).
     *
     * @param medianMs the measured median round trip
     * @param ours     our session's summary
     * @return e.g. {@code "split: network 40.10 ms (RTCP), our jitter buffer 5.33 ms, the rest 18.00 ms (...)"}
     */
    public static String split(double medianMs, SessionSummary ours) {
        double network = ours.totals().rttMs;
        double buffer = ours.waitPercentileMs(50);
        double rest = medianMs - (Double.isNaN(network) ? 0 : network) - (Double.isNaN(buffer) ? 0 : buffer);
        return String.format(Locale.ROOT, "split: network %s (RTCP round trip), our jitter buffer %s (median wait), "
                + "the rest %.2f ms (the far end's buffer and devices, blocks and codec at both ends, our devices)",
                ms(network), ms(buffer), rest);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "unknown" : String.format(Locale.ROOT, "%.2f ms", value);
    }

    /**
     * Writes one CSV row per measurement ({@link #CSV_HEADER}); the figures of a burst whose echo
     * was not found are left empty.
     *
     * @throws UncheckedIOException with a message naming the file if it cannot be written
     */
    public static void writeCsv(Path file, List<Measurement> measurements) {
        List<String> rows = new ArrayList<>();
        rows.add(CSV_HEADER);
        for (Measurement m : measurements) {
            rows.add(m.found()
                    ? String.format(Locale.ROOT, "%d,%.3f,%d,%.3f,1", m.n(), m.ms(), m.frames(), m.score())
                    : String.format(Locale.ROOT, "%d,,,%.3f,0", m.n(), m.score()));
        }
        try {
            Files.write(file, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("--stats-file: cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
