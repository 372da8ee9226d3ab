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
            "dropped_ms", "device_underruns", "in_peak_dbfs", "in_rms_dbfs", "out_peak_dbfs", "out_rms_dbfs",
            "capture_overrun_ms", "capture_stale_ms");

    /**
     * The columns a party line's CSV adds after {@link #COLUMNS} (one row per peer per interval;
     * a session with one {@code --peer} writes {@link #COLUMNS} alone, as before).
     */
    public static final List<String> PEER_COLUMNS = List.of("peer", "peer_silent", "peer_peak_dbfs",
            "peer_rms_dbfs", "mix_limited_samples");

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
    /** Peak and RMS level of what was captured over the interval, dBFS ({@link LevelMeter}). */
    public double inPeakDbfs = Double.NaN;
    public double inRmsDbfs = Double.NaN;
    /** Peak and RMS level of what was played over the interval, dBFS. */
    public double outPeakDbfs = Double.NaN;
    public double outRmsDbfs = Double.NaN;
    /** Audio the capture device lost when its buffer overflowed, in milliseconds (cumulative). */
    public double captureOverrunMs;
    /** Times the capture device overflowed (cumulative); in the summary, not a column of its own. */
    public long captureOverruns;
    /** Audio the capture dropped as stale after the capture thread fell behind, in milliseconds (cumulative). */
    public double captureStaleMs;
    /** The peer this row is about (party line), as its address; null for a session-wide row. */
    public String peer;
    /** Whether nothing has come from {@link #peer} for a while (see the session's silence rule). */
    public boolean peerSilent;
    /** Peak and RMS level of the peer's stream as played, before mixing, over the interval, dBFS. */
    public double peerPeakDbfs = Double.NaN;
    public double peerRmsDbfs = Double.NaN;
    /** Samples the mixer saturated because the peers' sum went beyond full scale (cumulative). */
    public long mixLimitedSamples;

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
        b.append(',').append(deviceUnderruns);
        for (double value : new double[] {inPeakDbfs, inRmsDbfs, outPeakDbfs, outRmsDbfs}) {
            b.append(',');
            cell(b, value, 1);
        }
        b.append(',');
        cell(b, captureOverrunMs, 1);
        b.append(',');
        cell(b, captureStaleMs, 1);
        return b.toString();
    }

    /**
     * @param peers   one row per peer of a party line, each holding the session-wide fields too
     * @param foreign datagrams nobody's, counted once for the whole session
     * @return the party's totals for the summary: the first row's session-wide fields and figures,
     *     and every packet count summed over the peers
     */
    public static StatsRow totalOf(List<StatsRow> peers, long foreign) {
        StatsRow total = new StatsRow();
        try {
            for (java.lang.reflect.Field field : StatsRow.class.getFields()) {
                if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    field.set(total, field.get(peers.get(0)));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the public fields of a row are accessible", e);
        }
        total.peer = null;
        total.peerSilent = false;
        total.receivedPackets = 0;
        total.lostPackets = 0;
        total.latePackets = 0;
        total.duplicatePackets = 0;
        total.reorderedPackets = 0;
        total.malformedPackets = 0;
        total.concealedBlocks = 0;
        total.underruns = 0;
        total.overflows = 0;
        total.authFailures = 0;
        total.rtcpRejected = 0;
        total.acceleratedBlocks = 0;
        total.expandedBlocks = 0;
        total.droppedMs = 0;
        total.recvKbps = 0;
        for (StatsRow r : peers) {
            total.receivedPackets += r.receivedPackets;
            total.lostPackets += r.lostPackets;
            total.latePackets += r.latePackets;
            total.duplicatePackets += r.duplicatePackets;
            total.reorderedPackets += r.reorderedPackets;
            total.malformedPackets += r.malformedPackets;
            total.concealedBlocks += r.concealedBlocks;
            total.underruns += r.underruns;
            total.overflows += r.overflows;
            total.authFailures += r.authFailures;
            total.rtcpRejected += r.rtcpRejected;
            total.acceleratedBlocks += r.acceleratedBlocks;
            total.expandedBlocks += r.expandedBlocks;
            total.droppedMs += r.droppedMs;
            total.recvKbps += Double.isNaN(r.recvKbps) ? 0 : r.recvKbps;
        }
        total.foreignPackets = foreign;
        return total;
    }

    /** @return the {@link #PEER_COLUMNS} cells of this row, to append to {@link #toCsv()} after a comma */
    public String toPeerCsv() {
        StringBuilder b = new StringBuilder(48);
        b.append(peer == null ? "" : peer).append(',').append(peerSilent ? 1 : 0).append(',');
        cell(b, peerPeakDbfs, 1);
        b.append(',');
        cell(b, peerRmsDbfs, 1);
        b.append(',').append(mixLimitedSamples);
        return b.toString();
    }

    /**
     * @param peers one row per peer of a party line, each holding the session-wide fields too
     * @return one log line: the session-wide part (from the first row), then a short segment
     *     per peer: address, silent or not, loss, late, jitter, buffer delay, mouth-to-ear delay, rtt,
     *     received level
     */
    public static String toPartyLogLine(List<StatsRow> peers) {
        StatsRow first = peers.get(0);
        StringBuilder b = new StringBuilder(80 + 110 * peers.size());
        b.append("t=").append(num(first.timeSeconds, 1)).append('s');
        field(b, true, "in", num(first.inRmsDbfs, 1) + "/" + num(first.inPeakDbfs, 1) + "dBFS");
        field(b, true, "out", num(first.outRmsDbfs, 1) + "/" + num(first.outPeakDbfs, 1) + "dBFS");
        field(b, true, "limited", first.mixLimitedSamples);
        field(b, true, "cpu", num(first.cpuPercent, 1) + "%");
        for (StatsRow r : peers) {
            b.append(" | ").append(r.peer);
            if (r.peerSilent) {
                b.append(" silent");
            }
            field(b, true, "lost", r.lostPackets);
            field(b, true, "late", r.latePackets);
            field(b, true, "jitter", ms(r.jitterMs));
            field(b, true, "buffer", ms(r.bufferMs));
            field(b, true, "e2e", ms(r.e2eLatencyMs));
            field(b, true, "rtt", ms(r.rttMs));
            field(b, true, "level", num(r.peerRmsDbfs, 1) + "/" + num(r.peerPeakDbfs, 1) + "dBFS");
        }
        return b.toString();
    }

    /** @return the full log line of a peer, every field ({@code --verbose}) */
    public String toLogLine() {
        return toLogLine(true, true);
    }

    /**
     * @param verbose every field, or only the essentials (loss, late, concealed, jitter, buffer,
     *                e2e, rtt, levels; the CSV always has them all)
     * @param network false for a loopback, whose packet and network fields mean nothing
     * @return a one-line human-readable report for the log
     */
    public String toLogLine(boolean verbose, boolean network) {
        StringBuilder b = new StringBuilder(verbose ? 420 : 160);
        b.append("t=").append(num(timeSeconds, 1)).append('s');
        field(b, verbose && network, "sent", sentPackets);
        field(b, verbose && network, "recv", receivedPackets);
        field(b, network, "lost", lostPackets);
        field(b, network, "late", latePackets);
        field(b, verbose && network, "dup", duplicatePackets);
        field(b, verbose && network, "reord", reorderedPackets);
        field(b, verbose && network, "foreign", foreignPackets);
        field(b, verbose && network, "malformed", malformedPackets);
        field(b, true, "concealed", concealedBlocks);
        field(b, verbose, "underruns", underruns);
        field(b, verbose, "overflows", overflows);
        field(b, network, "jitter", ms(jitterMs));
        field(b, true, "buffer", ms(bufferMs));
        field(b, verbose, "target", ms(targetMs));
        field(b, verbose, "capture", ms(captureLatencyMs));
        field(b, verbose, "playback", ms(playbackLatencyMs));
        field(b, verbose && network, "network", ms(networkMs));
        field(b, true, "e2e", ms(e2eLatencyMs));
        field(b, verbose, "ideal", ms(idealLatencyMs));
        field(b, verbose && network, "send", num(sendKbps, 0) + "kbps");
        field(b, verbose && network, "recv", num(recvKbps, 0) + "kbps");
        field(b, verbose, "cpu", num(cpuPercent, 1) + "%");
        field(b, verbose && network, "skew", num(skewPpm, 0) + "ppm");
        field(b, network, "rtt", ms(rttMs));
        field(b, verbose && network, "remote_loss", num(remoteLossPercent, 1) + "%");
        field(b, verbose && network, "remote_jitter", ms(remoteJitterMs));
        field(b, verbose && network, "auth_failures", authFailures);
        field(b, verbose && network, "rtcp_rejected", rtcpRejected);
        field(b, verbose, "accelerated", acceleratedBlocks);
        field(b, verbose, "expanded", expandedBlocks);
        field(b, verbose, "dropped", ms(droppedMs));
        field(b, verbose, "device_underruns", deviceUnderruns);
        field(b, verbose, "capture_overrun", ms(captureOverrunMs));
        field(b, verbose, "capture_stale", ms(captureStaleMs));
        // RMS first: it is what the ear follows; the peak shows how close to clipping.
        field(b, true, "in", num(inRmsDbfs, 1) + "/" + num(inPeakDbfs, 1) + "dBFS");
        field(b, true, "out", num(outRmsDbfs, 1) + "/" + num(outPeakDbfs, 1) + "dBFS");
        return b.toString();
    }

    private static void field(StringBuilder b, boolean shown, String name, Object value) {
        if (shown) {
            b.append(' ').append(name).append('=').append(value);
        }
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
