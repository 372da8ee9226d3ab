package dev.intercom.stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a session did, printed when it ends: the final totals and the distribution of the time
 * played blocks waited in the jitter buffer.
 *
 * @param totals            the last statistics row (cumulative counts, last interval's rates); on a party
 *                          line the counts are summed over the peers ({@link StatsRow#totalOf})
 * @param waitMicros        jitter-buffer waiting time of every played block, in microseconds
 * @param malformedByReason malformed datagrams per rejection reason (only reasons that occurred)
 * @param socketErrors      datagrams that could not be sent, and errors the socket reported
 * @param resyncs           times the jitter buffer started over on a new stream
 * @param strays            packets ignored as far outside the buffer window
 * @param stretched         concealed blocks inserted to raise the delay to a risen target where no
 *                          pitch period could be repeated
 * @param recovered         lost packets whose audio the codec's FEC recovered
 * @param peers             a party line's last row per peer (empty with one peer, whose figures are the totals)
 */
public record SessionSummary(StatsRow totals, Histogram waitMicros, Map<String, Long> malformedByReason,
        long socketErrors, long resyncs, long strays, long stretched, long recovered, List<StatsRow> peers) {

    /** A session with one peer (or a loopback): the totals are that peer's. */
    public SessionSummary(StatsRow totals, Histogram waitMicros, Map<String, Long> malformedByReason,
            long socketErrors, long resyncs, long strays, long stretched, long recovered) {
        this(totals, waitMicros, malformedByReason, socketErrors, resyncs, strays, stretched, recovered, List.of());
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** @return the waiting-time percentile {@code p} (0..100) in milliseconds, NaN if nothing was played */
    public double waitPercentileMs(double p) {
        return waitMicros.getTotalCount() == 0 ? Double.NaN : waitMicros.getValueAtPercentile(p) / 1000.0;
    }

    /** @return a few lines for the user */
    public String toText() {
        StatsRow t = totals;
        StringBuilder b = new StringBuilder();
        // Every count the statistics rows carry, so the summary alone tells what happened.
        b.append(String.format(Locale.ROOT,
                "summary: %.1f s, sent %d, received %d, lost %d, late %d, duplicate %d, reordered %d, "
                        + "foreign %d, malformed %d, auth failures %d, concealed blocks %d, underruns %d, overflows %d, "
                        + "resyncs %d, accelerated blocks %d, expanded blocks %d, stretched blocks %d, "
                        + "dropped %.1f ms, recovered by FEC %d, socket errors %d, device underruns %d, "
                        + "RTCP reports rejected %d, capture overruns %d (%.1f ms lost), "
                        + "stale capture dropped %.1f ms%n",
                t.timeSeconds, t.sentPackets, t.receivedPackets, t.lostPackets, t.latePackets, t.duplicatePackets,
                t.reorderedPackets, t.foreignPackets, t.malformedPackets, t.authFailures, t.concealedBlocks,
                t.underruns, t.overflows, resyncs, t.acceleratedBlocks, t.expandedBlocks, stretched, t.droppedMs,
                recovered, socketErrors, t.deviceUnderruns, t.rtcpRejected, t.captureOverruns, t.captureOverrunMs,
                t.captureStaleMs));
        if (waitMicros.getTotalCount() == 0) {
            b.append("jitter-buffer wait: nothing was played");
        } else {
            b.append(String.format(Locale.ROOT,
                    "jitter-buffer wait (ms) over %d blocks: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f; "
                            + "target %.2f, ideal latency %.2f, clock skew %s ppm",
                    waitMicros.getTotalCount(), waitPercentileMs(50), waitPercentileMs(90), waitPercentileMs(99),
                    waitPercentileMs(99.9), waitMicros.getMaxValue() / 1000.0, t.targetMs, t.idealLatencyMs,
                    Double.isNaN(t.skewPpm) ? "unknown" : String.format(Locale.ROOT, "%.0f", t.skewPpm)));
        }
        for (StatsRow p : peers) {
            // The first line's packet counts are the whole party's; each peer gets its own line.
            b.append(System.lineSeparator()).append(String.format(Locale.ROOT,
                    "peer %s%s: received %d, lost %d, late %d, concealed blocks %d, jitter %s ms, rtt %s ms, "
                            + "level %s dBFS RMS",
                    p.peer, p.peerSilent ? " (silent)" : "", p.receivedPackets, p.lostPackets, p.latePackets,
                    p.concealedBlocks, decimal(p.jitterMs), decimal(p.rttMs), decimal(p.peerRmsDbfs)));
        }
        if (!peers.isEmpty() || t.mixLimitedSamples > 0) {
            b.append(System.lineSeparator()).append("mix: ").append(t.mixLimitedSamples)
                    .append(" samples saturated (the peers' sum beyond full scale)");
        }
        if (t.rtcpRejected > 0) {
            b.append(System.lineSeparator())
                    .append("RTCP reports rejected: they echoed no sender report of ours, or gave impossible figures");
        }
        if (t.authFailures > 0 && t.receivedPackets == 0) {
            b.append(System.lineSeparator()).append("every datagram from the peer failed SRTP authentication: both"
                    + " ends need the same --key and --crypto");
        }
        if (!malformedByReason.isEmpty()) {
            b.append(System.lineSeparator()).append("malformed by reason: ");
            malformedByReason.forEach((reason, count) -> b.append(reason).append('=').append(count).append(' '));
        }
        return b.toString().strip();
    }
}
