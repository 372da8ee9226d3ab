package dev.intercom.stats;

import dev.intercom.audio.HiddenLatency;
import dev.intercom.audio.StreamFormat;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.time.NanoClock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Turns the session's cumulative counters into report rows: rates and means over the interval
 * since the previous row, and a cumulative histogram of jitter-buffer waiting time for the
 * summary. Used by the one reporting thread only.
 */
public final class StatsSampler {

    private final SessionCounters counters;
    private final List<PeerStream> streams;
    private final StreamFormat format;
    private final NanoClock clock;
    private final LongSupplier processCpuNanos;
    private final double codecDelayMs;
    private final HiddenLatency hiddenLatency;
    /** The devices' round trip as measured ({@code --device-latency}), or NaN to add up the lines' estimates. */
    private final double deviceLatencyMs;
    private final long startNanos;

    private final JitterSnapshot jitter = new JitterSnapshot();
    private final double[] level = new double[2];
    private final Histogram totalWaitMicros = new Histogram(3);
    private final Histogram[] intervalWaitMicros;
    private final long[] previousReceivedBytes;
    private long previousNanos;
    private long previousCpuNanos;
    private long previousSentBytes;

    /**
     * @param counters        the session's own counters
     * @param jitterSource    fills a snapshot of the jitter buffer (e.g. {@code buffer::snapshot})
     * @param format          the stream format, to turn frames into milliseconds
     * @param clock           monotonic time
     * @param processCpuNanos CPU time used by the process so far, or -1 if unknown
     * @param codecDelayFrames the codec's algorithmic delay (Opus's look-ahead; 0 for L16), which
     *                        every sample spends on top of the block, in frames
     */
    public StatsSampler(SessionCounters counters, Consumer<JitterSnapshot> jitterSource, StreamFormat format,
            NanoClock clock, LongSupplier processCpuNanos, int codecDelayFrames) {
        this(counters, jitterSource, format, clock, processCpuNanos, codecDelayFrames, HiddenLatency.NONE);
    }

    /**
     * As above, with the latency the devices add beyond their lines (a sound server's), which the
     * capture and playback latencies then include.
     */
    public StatsSampler(SessionCounters counters, Consumer<JitterSnapshot> jitterSource, StreamFormat format,
            NanoClock clock, LongSupplier processCpuNanos, int codecDelayFrames, HiddenLatency hiddenLatency) {
        this(counters, List.of(new PeerStream(null, counters, jitterSource, now -> false)), format, clock,
                processCpuNanos, codecDelayFrames, hiddenLatency, Double.NaN);
    }

    /**
     * A session with one or more remote streams: {@link #sample(List)} fills one row per stream,
     * each with the session-wide fields (capture, sending, output, CPU) and that stream's own.
     *
     * @param counters the session-wide counters (capture, sending, output, foreign datagrams)
     * @param streams  the remote streams, in the order of the rows
     * @param deviceLatencyMs the input and output devices' latency together as measured
     *                 ({@code --device-latency}), which the e2e and ideal latencies then count
     *                 instead of the capture and playback estimates; NaN for the estimates
     */
    public StatsSampler(SessionCounters counters, List<PeerStream> streams, StreamFormat format, NanoClock clock,
            LongSupplier processCpuNanos, int codecDelayFrames, HiddenLatency hiddenLatency, double deviceLatencyMs) {
        this.hiddenLatency = hiddenLatency;
        this.deviceLatencyMs = deviceLatencyMs;
        this.counters = counters;
        this.streams = List.copyOf(streams);
        this.format = format;
        this.clock = clock;
        this.processCpuNanos = processCpuNanos;
        this.codecDelayMs = format.framesToMillis(codecDelayFrames);
        this.startNanos = clock.nanoTime();
        this.previousNanos = startNanos;
        this.previousCpuNanos = processCpuNanos.getAsLong();
        this.intervalWaitMicros = new Histogram[this.streams.size()];
        this.previousReceivedBytes = new long[this.streams.size()];
    }

    /** @return the remote streams, one row each */
    public List<PeerStream> streams() {
        return streams;
    }

    /** Fills {@code row} with the state now and the interval since the previous call. */
    public void sample(StatsRow row) {
        sample(List.of(row));
    }

    /** Fills one row per stream (in {@link #streams()} order) with the state now and the interval since the previous call. */
    public void sample(List<StatsRow> rows) {
        long now = clock.nanoTime();
        double seconds = (now - previousNanos) / 1e9;
        // The session-wide figures are taken once (the level meters and gauges restart on reading).
        double captureLatencyMs = format.framesToMillis(counters.captureLatencyFrames().intervalMean())
                + orZero(hiddenLatency.captureMs());
        double playbackLatencyMs = format.framesToMillis(counters.playbackLatencyFrames().intervalMean())
                + orZero(hiddenLatency.playbackMs());
        counters.inputLevel().takeInterval(level);
        double inPeak = level[0];
        double inRms = level[1];
        counters.outputLevel().takeInterval(level);
        double outPeak = level[0];
        double outRms = level[1];
        long sentBytes = counters.sentBytes();
        long sentPackets = counters.sentPackets();
        long deviceUnderruns = counters.deviceUnderruns();
        long captureOverruns = counters.captureOverruns();
        double captureOverrunMs = format.framesToMillis(counters.captureOverrunFrames());
        double captureStaleMs = format.framesToMillis(counters.captureStaleFrames());
        long mixLimited = counters.mixLimitedSamples();
        long cpuNanos = processCpuNanos.getAsLong();
        for (int i = 0; i < streams.size(); i++) {
            StatsRow row = rows.get(i);
            row.timeSeconds = (now - startNanos) / 1e9;
            row.sentPackets = sentPackets;
            row.captureLatencyMs = captureLatencyMs;
            row.playbackLatencyMs = playbackLatencyMs;
            row.deviceUnderruns = deviceUnderruns;
            row.captureOverruns = captureOverruns;
            row.captureOverrunMs = captureOverrunMs;
            row.captureStaleMs = captureStaleMs;
            row.inPeakDbfs = inPeak;
            row.inRmsDbfs = inRms;
            row.outPeakDbfs = outPeak;
            row.outRmsDbfs = outRms;
            row.mixLimitedSamples = mixLimited;
            if (seconds > 0) {
                row.sendKbps = (sentBytes - previousSentBytes) * 8 / 1000.0 / seconds;
                row.cpuPercent = cpuNanos < 0 ? Double.NaN
                        : 100.0 * (cpuNanos - previousCpuNanos) / (now - previousNanos);
            }
            sampleStream(i, row, now, seconds);
        }
        previousNanos = now;
        previousSentBytes = sentBytes;
        previousCpuNanos = cpuNanos;
    }

    /** Fills the fields of stream {@code i}: what its jitter buffer, receive path and RTCP counted. */
    private void sampleStream(int i, StatsRow row, long now, double seconds) {
        PeerStream stream = streams.get(i);
        SessionCounters own = stream.counters();
        stream.jitter().accept(jitter);
        row.peer = stream.name();
        row.peerSilent = stream.silentAt().test(now);
        row.receivedPackets = jitter.received;
        row.lostPackets = jitter.lost;
        row.latePackets = jitter.late;
        row.duplicatePackets = jitter.duplicates;
        row.reorderedPackets = jitter.reordered;
        // Datagrams nobody's: the session's dispatcher counts them, a peer's filter its candidates.
        row.foreignPackets = own == counters ? own.foreignPackets() : counters.foreignPackets() + own.foreignPackets();
        row.malformedPackets = own.malformedPackets();
        row.concealedBlocks = jitter.concealed;
        row.underruns = jitter.underruns;
        row.overflows = jitter.overflows;
        row.acceleratedBlocks = jitter.accelerated;
        row.expandedBlocks = jitter.expanded;
        row.droppedMs = format.framesToMillis(jitter.droppedFrames);
        row.jitterMs = jitter.jitterKnown ? format.framesToMillis(jitter.jitterFrames) : Double.NaN;

        Histogram interval = own.waitMicros().getIntervalHistogram(intervalWaitMicros[i]);
        intervalWaitMicros[i] = interval;
        totalWaitMicros.add(interval);
        row.bufferMs = interval.getTotalCount() == 0 ? Double.NaN : interval.getMean() / 1000.0;
        row.targetMs = format.framesToMillis(jitter.targetFrames);
        row.rttMs = own.rttMs();
        row.networkMs = row.rttMs / 2;
        row.remoteLossPercent = own.remoteLossPercent();
        row.remoteJitterMs = own.remoteJitterMs();
        row.authFailures = own.authFailures();
        row.rtcpRejected = own.rtcpRejectedReports();
        // The devices as measured if they were, else as their lines' buffers (and the server) say.
        double devicesMs = Double.isNaN(deviceLatencyMs)
                ? orZero(row.captureLatencyMs) + orZero(row.playbackLatencyMs) : deviceLatencyMs;
        // A frame waits for the rest of the sender's packet before it is sent, and the wait counts
        // from where the packet's first frame would have arrived: so the packet, not our block.
        // They are the same between peers of ours; ffmpeg's L16 packets are 14.6 ms.
        double packetMs = jitter.packetFrames > 0 ? format.framesToMillis(jitter.packetFrames) : format.blockMillis();
        // The devices as they are, the jitter buffer at its target and an instant network.
        row.idealLatencyMs = devicesMs + packetMs + codecDelayMs + row.targetMs;
        row.skewPpm = jitter.playing ? jitter.skewPpm : Double.NaN;
        row.e2eLatencyMs = Double.isNaN(row.bufferMs) ? Double.NaN
                : devicesMs + packetMs + codecDelayMs + orZero(row.networkMs) + row.bufferMs;
        own.streamLevel().takeInterval(level);
        row.peerPeakDbfs = level[0];
        row.peerRmsDbfs = level[1];
        long receivedBytes = own.receivedBytes();
        if (seconds > 0) {
            row.recvKbps = (receivedBytes - previousReceivedBytes[i]) * 8 / 1000.0 / seconds;
        }
        previousReceivedBytes[i] = receivedBytes;
    }

    /** @return waiting time in the jitter buffer over everything sampled so far, in microseconds */
    public Histogram totalWaitMicros() {
        return totalWaitMicros;
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
