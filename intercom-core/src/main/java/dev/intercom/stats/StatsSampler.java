package dev.intercom.stats;

import dev.intercom.audio.HiddenLatency;
import dev.intercom.audio.StreamFormat;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.time.NanoClock;
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
    private final Consumer<JitterSnapshot> jitterSource;
    private final StreamFormat format;
    private final NanoClock clock;
    private final LongSupplier processCpuNanos;
    private final double codecDelayMs;
    private final HiddenLatency hiddenLatency;
    private final long startNanos;

    private final JitterSnapshot jitter = new JitterSnapshot();
    private final double[] level = new double[2];
    private final Histogram totalWaitMicros = new Histogram(3);
    private Histogram intervalWaitMicros;
    private long previousNanos;
    private long previousCpuNanos;
    private long previousSentBytes;
    private long previousReceivedBytes;

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
        this.hiddenLatency = hiddenLatency;
        this.counters = counters;
        this.jitterSource = jitterSource;
        this.format = format;
        this.clock = clock;
        this.processCpuNanos = processCpuNanos;
        this.codecDelayMs = format.framesToMillis(codecDelayFrames);
        this.startNanos = clock.nanoTime();
        this.previousNanos = startNanos;
        this.previousCpuNanos = processCpuNanos.getAsLong();
    }

    /** Fills {@code row} with the state now and the interval since the previous call. */
    public void sample(StatsRow row) {
        long now = clock.nanoTime();
        double seconds = (now - previousNanos) / 1e9;
        jitterSource.accept(jitter);

        row.timeSeconds = (now - startNanos) / 1e9;
        row.sentPackets = counters.sentPackets();
        row.receivedPackets = jitter.received;
        row.lostPackets = jitter.lost;
        row.latePackets = jitter.late;
        row.duplicatePackets = jitter.duplicates;
        row.reorderedPackets = jitter.reordered;
        row.foreignPackets = counters.foreignPackets();
        row.malformedPackets = counters.malformedPackets();
        row.concealedBlocks = jitter.concealed;
        row.underruns = jitter.underruns;
        row.overflows = jitter.overflows;
        row.acceleratedBlocks = jitter.accelerated;
        row.expandedBlocks = jitter.expanded;
        row.droppedMs = format.framesToMillis(jitter.droppedFrames);
        row.jitterMs = jitter.jitterKnown ? format.framesToMillis(jitter.jitterFrames) : Double.NaN;

        intervalWaitMicros = counters.waitMicros().getIntervalHistogram(intervalWaitMicros);
        totalWaitMicros.add(intervalWaitMicros);
        row.bufferMs = intervalWaitMicros.getTotalCount() == 0 ? Double.NaN : intervalWaitMicros.getMean() / 1000.0;
        row.targetMs = format.framesToMillis(jitter.targetFrames);
        // What the lines hold, and what a sound server holds beyond them: the latency heard.
        row.captureLatencyMs = format.framesToMillis(counters.captureLatencyFrames().intervalMean())
                + orZero(hiddenLatency.captureMs());
        row.playbackLatencyMs = format.framesToMillis(counters.playbackLatencyFrames().intervalMean())
                + orZero(hiddenLatency.playbackMs());
        row.rttMs = counters.rttMs();
        row.networkMs = row.rttMs / 2;
        row.remoteLossPercent = counters.remoteLossPercent();
        row.remoteJitterMs = counters.remoteJitterMs();
        row.authFailures = counters.authFailures();
        row.rtcpRejected = counters.rtcpRejectedReports();
        row.deviceUnderruns = counters.deviceUnderruns();
        row.captureOverruns = counters.captureOverruns();
        row.captureOverrunMs = format.framesToMillis(counters.captureOverrunFrames());
        // The devices as they are, the jitter buffer at its target and an instant network.
        row.idealLatencyMs = orZero(row.captureLatencyMs) + format.blockMillis() + codecDelayMs + row.targetMs
                + orZero(row.playbackLatencyMs);
        row.skewPpm = jitter.playing ? jitter.skewPpm : Double.NaN;
        row.e2eLatencyMs = Double.isNaN(row.bufferMs) ? Double.NaN
                : orZero(row.captureLatencyMs) + format.blockMillis() + codecDelayMs + orZero(row.networkMs)
                        + row.bufferMs + orZero(row.playbackLatencyMs);

        counters.inputLevel().takeInterval(level);
        row.inPeakDbfs = level[0];
        row.inRmsDbfs = level[1];
        counters.outputLevel().takeInterval(level);
        row.outPeakDbfs = level[0];
        row.outRmsDbfs = level[1];

        long sentBytes = counters.sentBytes();
        long receivedBytes = counters.receivedBytes();
        long cpuNanos = processCpuNanos.getAsLong();
        if (seconds > 0) {
            row.sendKbps = (sentBytes - previousSentBytes) * 8 / 1000.0 / seconds;
            row.recvKbps = (receivedBytes - previousReceivedBytes) * 8 / 1000.0 / seconds;
            row.cpuPercent = cpuNanos < 0 ? Double.NaN : 100.0 * (cpuNanos - previousCpuNanos) / (now - previousNanos);
        }
        previousNanos = now;
        previousSentBytes = sentBytes;
        previousReceivedBytes = receivedBytes;
        previousCpuNanos = cpuNanos;
    }

    /** @return waiting time in the jitter buffer over everything sampled so far, in microseconds */
    public Histogram totalWaitMicros() {
        return totalWaitMicros;
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
