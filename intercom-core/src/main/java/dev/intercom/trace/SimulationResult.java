package dev.intercom.trace;

import java.util.Locale;

/**
 * What {@code intercom simulate} prints: how a trace played through the jitter buffer.
 *
 * @param packets      packets in the trace
 * @param lost         packets that never arrived
 * @param late         packets that arrived after their frames were due
 * @param latePercent  {@code late} as a share of all packets, in percent
 * @param concealedPercent share of played blocks that held concealed frames, in percent
 * @param meanDelayMs  mean buffering delay of played packets: playout time minus send time minus
 *                     the trace's smallest transit time
 * @param p50DelayMs   median of that delay
 * @param p95DelayMs   95th percentile
 * @param p99DelayMs   99th percentile
 * @param maxDelayMs   largest
 * @param underruns    times playout found nothing to play
 * @param overflows    times the ring overflowed
 */
public record SimulationResult(int packets, int lost, long late, double latePercent, double concealedPercent,
        double meanDelayMs, double p50DelayMs, double p95DelayMs, double p99DelayMs, double maxDelayMs,
        long underruns, long overflows) {

    /** The CSV header {@code intercom simulate} prints. */
    public static final String HEADER = "packets,lost,late,late_loss_pct,concealed_pct,mean_delay_ms,p50_delay_ms,"
            + "p95_delay_ms,p99_delay_ms,max_delay_ms,underruns,overflows";

    /** @return the result as one CSV row under {@link #HEADER} */
    public String toCsv() {
        return String.format(Locale.ROOT, "%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d", packets, lost, late,
                latePercent, concealedPercent, meanDelayMs, p50DelayMs, p95DelayMs, p99DelayMs, maxDelayMs, underruns,
                overflows);
    }
}
