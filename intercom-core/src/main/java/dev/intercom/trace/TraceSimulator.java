package dev.intercom.trace;

import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.jitter.Concealer;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.jitter.TargetPolicy;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Replays a {@link Trace} through the very jitter buffer, concealment and drift code a live
 * peer uses, in virtual time: packets are offered at their recorded arrival times and the
 * playout polls every block period, so an hour of trace runs in seconds. Optionally the
 * packets carry real audio and what a listener would have heard is written out.
 */
public final class TraceSimulator {

    /** Extended timestamps in the buffer start here for a stream whose first timestamp is 0. */
    private static final long EXTENDED_BASE = 1L << 32;
    /** The read position moves at most this much faster than real time (the rate controller's limit). */
    private static final double RATE_LIMIT = 0.04;
    /** How long playout runs on after the last arrival, so the buffer drains. */
    private static final long DRAIN_NANOS = 2_000_000_000L;

    private final StreamFormat format;
    private final TargetPolicy policy;
    private final Concealer concealer;

    /**
     * @param format    the playout format: rate, channels and the block playout polls
     * @param policy    the delay target, as {@code --jitter} sets it
     * @param concealer fills what did not arrive
     */
    public TraceSimulator(StreamFormat format, TargetPolicy policy, Concealer concealer) {
        this.format = format;
        this.policy = policy;
        this.concealer = concealer;
    }

    /** Replays {@code trace} with silent payloads. */
    public SimulationResult run(Trace trace) {
        return run(trace, null, null);
    }

    /**
     * Replays {@code trace}.
     *
     * @param trace  the packets
     * @param audio  interleaved samples the sender's packets carry (silence past its end), or null
     * @param output receives every played block, or null
     */
    public SimulationResult run(Trace trace, short[] audio, AudioOutput output) {
        int packets = trace.packets();
        long[] timestamp = new long[packets];
        int[] frames = new int[packets];
        for (int i = 0; i < packets; i++) {
            timestamp[i] = Math.round(trace.sendMs()[i] * format.sampleRate() / 1000.0);
        }
        for (int i = 0; i < packets; i++) {
            long next = i + 1 < packets ? timestamp[i + 1] : timestamp[i] + (i > 0 ? frames[i - 1] : format.blockFrames());
            frames[i] = (int) Math.max(1, Math.min(next - timestamp[i], 65_507 / (2 * format.channels())));
        }
        Integer[] byArrival = arrivalOrder(trace);
        double minTransitMs = trace.minTransitMs();

        int capacity = Integer.highestOneBit(Math.max(format.sampleRate() * 2, 64 * format.blockFrames()) - 1) << 1;
        JitterBuffer buffer = new JitterBuffer(format, policy, capacity, format.sampleRate() / 2, 4, concealer);
        short[] payload = new short[(Arrays.stream(frames).max().orElse(1)) * format.channels()];
        short[] block = new short[format.samplesPerBlock()];
        Histogram delays = new Histogram(3);

        long blockNanos = format.framesToNanos(format.blockFrames());
        // The playout clock's phase against the sender's is arbitrary: half a block is the average.
        long start = byArrival.length == 0 ? 0 : toNanos(trace.arrivalMs()[byArrival[0]]) + blockNanos / 2;
        long end = byArrival.length == 0 ? 0 : toNanos(trace.arrivalMs()[byArrival[byArrival.length - 1]]) + DRAIN_NANOS;
        int nextArrival = 0;
        int nextToPlay = 0;
        long playedBlocks = 0;
        long concealedBlocks = 0;
        for (long tick = start; tick <= end; tick += blockNanos) {
            if (nextArrival == byArrival.length && !buffer.hasAudioAhead()) {
                break; // everything that arrived has been played: the rest would be the silence after
            }
            while (nextArrival < byArrival.length && toNanos(trace.arrivalMs()[byArrival[nextArrival]]) <= tick) {
                int i = byArrival[nextArrival++];
                fill(payload, audio, timestamp[i], frames[i]);
                buffer.offer(1, (int) (trace.sequence()[i] & 0xFFFF), timestamp[i] & 0xFFFF_FFFFL, payload, frames[i],
                        toNanos(trace.arrivalMs()[i]));
            }
            JitterBuffer.Playout played = buffer.poll(block, tick);
            if (output != null) {
                output.write(block);
            }
            if (played != JitterBuffer.Playout.PLAYED && played != JitterBuffer.Playout.CONCEALED) {
                continue;
            }
            playedBlocks++;
            if (played == JitterBuffer.Playout.CONCEALED) {
                concealedBlocks++;
            }
            // Packets whose first frame the read position has now passed were played at this tick,
            // unless the read position jumped past them (a backlog skipped after a stall: late).
            double readTo = buffer.readPosition() - EXTENDED_BASE;
            double playedFrom = readTo - format.blockFrames() * (1 + RATE_LIMIT) - 1;
            while (nextToPlay < packets && timestamp[nextToPlay] < readTo) {
                int i = nextToPlay++;
                double arrival = trace.arrivalMs()[i];
                if (!Double.isNaN(arrival) && toNanos(arrival) <= tick && timestamp[i] + frames[i] > playedFrom) {
                    double delayMs = tick / 1e6 - trace.sendMs()[i] - minTransitMs;
                    delays.recordValue(Math.max(0, Math.round(delayMs * 1000)));
                }
            }
        }
        JitterSnapshot s = new JitterSnapshot();
        buffer.snapshot(s);
        return new SimulationResult(packets, trace.lost(), s.late, 100.0 * s.late / packets,
                playedBlocks == 0 ? 0 : 100.0 * concealedBlocks / playedBlocks, delays.getMean() / 1000.0,
                delays.getValueAtPercentile(50) / 1000.0, delays.getValueAtPercentile(95) / 1000.0,
                delays.getValueAtPercentile(99) / 1000.0, delays.getMaxValue() / 1000.0, s.underruns, s.overflows);
    }

    private static long toNanos(double ms) {
        return Math.round(ms * 1e6);
    }

    private static Integer[] arrivalOrder(Trace trace) {
        return java.util.stream.IntStream.range(0, trace.packets())
                .filter(i -> !Double.isNaN(trace.arrivalMs()[i]))
                .boxed()
                .sorted((a, b) -> Double.compare(trace.arrivalMs()[a], trace.arrivalMs()[b]))
                .toArray(Integer[]::new);
    }

    private void fill(short[] payload, short[] audio, long firstFrame, int count) {
        int channels = format.channels();
        int samples = count * channels;
        if (audio == null) {
            Arrays.fill(payload, 0, samples, (short) 0);
            return;
        }
        long from = firstFrame * channels;
        for (int i = 0; i < samples; i++) {
            long at = from + i;
            payload[i] = at >= 0 && at < audio.length ? audio[(int) at] : 0;
        }
    }
}
