package dev.intercom.stats;

import java.util.List;

/**
 * One statistics report: cumulative counts and the interval's rates and latencies. A field
 * holding {@link Double#NaN} is not known yet and is written blank.
 */
public final class StatsRow {

    /** CSV column names, in order. */
    public static final List<String> COLUMNS = List.of("time_s", "sent_packets", "received_packets",
            "lost_packets", "late_packets", "duplicate_packets", "reordered_packets", "foreign_packets",
            "malformed_packets", "concealed_blocks", "underruns", "overflows", "jitter_ms", "buffer_ms",
            "target_ms", "capture_latency_ms", "playback_latency_ms", "network_ms", "e2e_latency_ms",
            "ideal_latency_ms", "send_kbps", "recv_kbps", "cpu_pct", "skew_ppm", "rtt_ms", "remote_loss_pct",
            "remote_jitter_ms", "auth_failures", "rtcp_rejected", "accelerated_blocks", "expanded_blocks",
            "dropped_ms", "device_underruns", "capture_overrun_ms");

    public double timeSeconds;
    public long sentPackets;
    public long receivedPackets;
    public long lostPackets;
    public long latePackets;
    public long duplicatePackets;
    public long reorderedPackets;
    public long foreignPackets;
    public long malformedPackets;
    public long concealedBlocks;
    public long underruns;
    public long overflows;
    public double jitterMs = Double.NaN;
    /** Mean time the blocks played in the interval waited in the jitter buffer. */
    public double bufferMs = Double.NaN;
    public double targetMs = Double.NaN;
    public double captureLatencyMs = Double.NaN;
    public double playbackLatencyMs = Double.NaN;
    /** One-way network delay: half the RTCP round-trip time; blank (and 0 in {@link #e2eLatencyMs}) until known. */
    public double networkMs = Double.NaN;
    /** Estimated mouth-to-ear latency: capture + block + network + buffer + playback. */
    public double e2eLatencyMs = Double.NaN;
    public double idealLatencyMs = Double.NaN;
    public double sendKbps = Double.NaN;
    public double recvKbps = Double.NaN;
    /** Process CPU time over wall time, in percent of one core. */
    public double cpuPercent = Double.NaN;
    /** Estimated skew of the peer's clock against our playout clock, in ppm. */
    public double skewPpm = Double.NaN;
    /** Round-trip time to the peer from RTCP (LSR/DLSR). */
    public double rttMs = Double.NaN;
    /** The share of our packets the peer reports lost (its latest RTCP fraction lost). */
    public double remoteLossPercent = Double.NaN;
    /** The jitter the peer reports on our stream. */
    public double remoteJitterMs = Double.NaN;
    /** Datagrams that failed SRTP/SRTCP authentication (cumulative). */
    public long authFailures;
    /** RTCP report blocks about our stream dropped as untrustworthy (cumulative). */
    public long rtcpRejected;
    /** Blocks shortened by whole pitch periods to shed a surplus (cumulative). */
    public long acceleratedBlocks;
    /** Blocks lengthened by a repeated pitch period to raise the delay (cumulative). */
    public long expandedBlocks;
    /** Audio dropped above the ceiling or as a stall's backlog, in milliseconds (cumulative). */
    public double droppedMs;
    /** Times the output device ran dry (cumulative): each one a gap the listener hears. */
    public long deviceUnderruns;
    /** Audio the capture device lost when its buffer overflowed, in milliseconds (cumulative). */
    public double captureOverrunMs;
    /** Times the capture device overflowed (cumulative); in the summary, not a column of its own. */
    public long captureOverruns;

    /** @return the values in {@link #COLUMNS} order, as CSV cells (blank for unknown) */
    public String toCsv() {
        StringBuilder b = new StringBuilder(160);
        cell(b, timeSeconds, 3);
        for (long count : new long[] {sentPackets, receivedPackets, lostPackets, latePackets, duplicatePackets,
            reorderedPackets, foreignPackets, malformedPackets, concealedBlocks, underruns, overflows}) {
            b.append(',').append(count);
        }
        for (double value : new double[] {jitterMs, bufferMs, targetMs, captureLatencyMs, playbackLatencyMs,
            networkMs, e2eLatencyMs, idealLatencyMs, sendKbps, recvKbps, cpuPercent, skewPpm, rttMs,
            remoteLossPercent, remoteJitterMs}) {
            b.append(',');
            cell(b, value, 3);
        }
        b.append(',').append(authFailures);
        b.append(',').append(rtcpRejected);
        b.append(',').append(acceleratedBlocks).append(',').append(expandedBlocks).append(',');
        cell(b, droppedMs, 1);
        b.append(',').append(deviceUnderruns).append(',');
        cell(b, captureOverrunMs, 1);
        return b.toString();
    }

    /** @return a one-line human-readable summary for the log */
    public String toLogLine() {
        return String.format(java.util.Locale.ROOT,
                "t=%.1fs sent=%d recv=%d lost=%d late=%d dup=%d reord=%d foreign=%d malformed=%d "
                        + "concealed=%d underruns=%d overflows=%d jitter=%s buffer=%s target=%s capture=%s "
                        + "playback=%s network=%s e2e=%s ideal=%s send=%skbps recv=%skbps cpu=%s%% skew=%sppm rtt=%s "
                        + "remote_loss=%s%% remote_jitter=%s auth_failures=%d rtcp_rejected=%d accelerated=%d "
                        + "expanded=%d dropped=%s device_underruns=%d capture_overrun=%s",
                timeSeconds, sentPackets, receivedPackets, lostPackets, latePackets, duplicatePackets,
                reorderedPackets, foreignPackets, malformedPackets, concealedBlocks, underruns, overflows,
                ms(jitterMs), ms(bufferMs), ms(targetMs), ms(captureLatencyMs), ms(playbackLatencyMs), ms(networkMs),
                ms(e2eLatencyMs), ms(idealLatencyMs), num(sendKbps, 0), num(recvKbps, 0), num(cpuPercent, 1),
                num(skewPpm, 0), ms(rttMs), num(remoteLossPercent, 1), ms(remoteJitterMs), authFailures,
                rtcpRejected, acceleratedBlocks, expandedBlocks, ms(droppedMs), deviceUnderruns, ms(captureOverrunMs));
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : num(value, 2) + "ms";
    }

    private static String num(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }

    private static void cell(StringBuilder b, double value, int decimals) {
        if (!Double.isNaN(value)) {
            b.append(String.format(java.util.Locale.ROOT, "%." + decimals + "f", value));
        }
    }
}
