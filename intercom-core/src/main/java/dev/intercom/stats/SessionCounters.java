package dev.intercom.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The counters a session's threads update as they go: the capture thread (sent, capture
 * latency), the event loop (received bytes, foreign, malformed), the playout thread (playback
 * latency, jitter-buffer waiting time), and either of the first two (socket errors). Every
 * counter is atomic, so any thread may read them. The jitter buffer keeps its
 * own counters; {@link StatsSampler} reads both. Updates allocate nothing.
 */
public final class SessionCounters {

    /** Largest waiting time the histogram tracks: ten seconds, in microseconds. */
    private static final long MAX_WAIT_MICROS = 10_000_000;

    private final AtomicLong sentPackets = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong socketErrors = new AtomicLong();
    private final AtomicLong receivedBytes = new AtomicLong();
    private final AtomicLong rtcpReceived = new AtomicLong();
    private final AtomicLong rtcpRejected = new AtomicLong();
    private final AtomicLong deviceUnderruns = new AtomicLong();
    private final AtomicLong captureOverruns = new AtomicLong();
    private final AtomicLong captureOverrunFrames = new AtomicLong();
    private final AtomicLong captureStaleFrames = new AtomicLong();
    private volatile double rttMs = Double.NaN;
    private volatile double remoteLossPercent = Double.NaN;
    private volatile double remoteJitterMs = Double.NaN;
    /** Datagrams dropped, indexed by {@link DropReason#ordinal()}. */
    private final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);
    private final MeanGauge captureLatencyFrames = new MeanGauge();
    private final MeanGauge playbackLatencyFrames = new MeanGauge();
    private volatile int refusedPayloadType = -1;
    private final LevelMeter inputLevel = new LevelMeter();
    private final LevelMeter outputLevel = new LevelMeter();
    private final LevelMeter streamLevel = new LevelMeter();
    private final AtomicLong mixLimitedSamples = new AtomicLong();
    private final SingleWriterRecorder waitMicros = new SingleWriterRecorder(MAX_WAIT_MICROS, 3);

    /** Notes the payload type of a packet refused for it, for the summary to name. */
    public void refusedPayloadType(int payloadType) {
        refusedPayloadType = payloadType;
    }

    /** @return the payload type of the last packet refused for it, or -1 if none was */
    public int refusedPayloadType() {
        return refusedPayloadType;
    }

    /** @return the level of what is captured (the capture thread adds each block) */
    public LevelMeter inputLevel() {
        return inputLevel;
    }

    /** @return the level of what is played (the playout thread adds each block) */
    public LevelMeter outputLevel() {
        return outputLevel;
    }

    /**
     * @return the level of one peer's stream as played, before it is mixed with the others (the
     *     playout thread adds each block): who is talking on a party line
     */
    public LevelMeter streamLevel() {
        return streamLevel;
    }

    /** Counts {@code samples} of a mixed block that the sum drove beyond full scale and were saturated. */
    public void mixLimited(int samples) {
        mixLimitedSamples.addAndGet(samples);
    }

    /** @return samples the mixer saturated so far */
    public long mixLimitedSamples() {
        return mixLimitedSamples.get();
    }

    /** Counts one datagram of {@code bytes} sent to the peer. */
    public void sent(int bytes) {
        sentPackets.incrementAndGet();
        sentBytes.addAndGet(bytes);
    }

    /** Counts {@code count} times the output device ran dry (the playout thread reports them). */
    public void deviceUnderruns(long count) {
        deviceUnderruns.addAndGet(count);
    }

    /** @return times the output device ran dry so far */
    public long deviceUnderruns() {
        return deviceUnderruns.get();
    }

    /** Counts one capture overrun that lost {@code frames} (the capture thread reports them). */
    public void captureOverrun(long frames) {
        captureOverruns.incrementAndGet();
        captureOverrunFrames.addAndGet(frames);
    }

    /** @return times the capture device overflowed so far */
    public long captureOverruns() {
        return captureOverruns.get();
    }

    /** @return frames lost to capture overruns so far */
    public long captureOverrunFrames() {
        return captureOverrunFrames.get();
    }

    /** Counts {@code frames} the capture dropped as stale after it fell behind (the capture thread reports them). */
    public void captureStale(long frames) {
        captureStaleFrames.addAndGet(frames);
    }

    /** @return frames the capture dropped as stale so far */
    public long captureStaleFrames() {
        return captureStaleFrames.get();
    }

    /** Counts a datagram that could not be sent, or an error the socket reported. */
    public void socketError() {
        socketErrors.incrementAndGet();
    }

    /** Counts {@code bytes} of an accepted datagram from the peer. */
    public void received(int bytes) {
        receivedBytes.addAndGet(bytes);
    }

    /** Counts a received datagram dropped for {@code reason} (never played). */
    public void drop(DropReason reason) {
        dropped.incrementAndGet(reason.ordinal());
    }

    /** @return datagrams dropped for {@code reason} so far */
    public long dropped(DropReason reason) {
        return dropped.get(reason.ordinal());
    }

    /** Counts a valid RTCP compound packet from the peer. */
    public void rtcpReceived() {
        rtcpReceived.incrementAndGet();
    }

    /**
     * Counts an RTCP report block about our stream that was not believed: it echoes no sender
     * report of ours, or claims an impossible round trip or jitter.
     */
    public void rtcpRejected() {
        rtcpRejected.incrementAndGet();
    }

    /** @return report blocks about our stream that were dropped as untrustworthy */
    public long rtcpRejectedReports() {
        return rtcpRejected.get();
    }

    /**
     * Notes what the peer's latest RTCP report block says about our stream.
     *
     * @param rttMs          round-trip time from LSR/DLSR, NaN if the peer has no SR of ours yet
     * @param lossPercent    the share of our packets the peer lost since its previous report
     * @param jitterMs       the interarrival jitter the peer measures on our stream
     */
    public void remoteReport(double rttMs, double lossPercent, double jitterMs) {
        if (!Double.isNaN(rttMs)) {
            this.rttMs = rttMs;
        }
        this.remoteLossPercent = lossPercent;
        this.remoteJitterMs = jitterMs;
    }

    /** @return datagrams that failed SRTP/SRTCP authentication */
    public long authFailures() {
        return dropped(DropReason.AUTH_FAILED);
    }

    public long rtcpReceivedPackets() {
        return rtcpReceived.get();
    }

    /** @return the latest round-trip time to the peer, NaN until known */
    public double rttMs() {
        return rttMs;
    }

    /** @return the peer's latest fraction lost of our stream, in percent, NaN until known */
    public double remoteLossPercent() {
        return remoteLossPercent;
    }

    /** @return the peer's latest jitter measurement of our stream, NaN until known */
    public double remoteJitterMs() {
        return remoteJitterMs;
    }

    /** Records the frames waiting in the capture device when a block was read. */
    public void captureLatency(long frames) {
        captureLatencyFrames.record(frames);
    }

    /** Records the frames queued in the playback device ahead of a block being written. */
    public void playbackLatency(long frames) {
        playbackLatencyFrames.record(frames);
    }

    /** Records how long a played block waited in the jitter buffer. */
    public void bufferWait(long nanos) {
        waitMicros.recordValue(Math.min(MAX_WAIT_MICROS, Math.max(0, nanos / 1000)));
    }

    public long sentPackets() {
        return sentPackets.get();
    }

    public long sentBytes() {
        return sentBytes.get();
    }

    public long socketErrors() {
        return socketErrors.get();
    }

    public long receivedBytes() {
        return receivedBytes.get();
    }

    /** @return datagrams from nobody we talk to */
    public long foreignPackets() {
        return dropped(DropReason.FOREIGN);
    }

    /** @return malformed datagrams of every reason */
    public long malformedPackets() {
        long total = 0;
        for (DropReason reason : DropReason.values()) {
            if (reason.isMalformed()) {
                total += dropped(reason);
            }
        }
        return total;
    }

    MeanGauge captureLatencyFrames() {
        return captureLatencyFrames;
    }

    MeanGauge playbackLatencyFrames() {
        return playbackLatencyFrames;
    }

    SingleWriterRecorder waitMicros() {
        return waitMicros;
    }
}
