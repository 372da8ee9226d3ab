package dev.intercom.trace;

import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.StreamFormat;
import dev.intercom.config.AudioConfig;
import dev.intercom.config.SessionConfig;
import dev.intercom.jitter.Concealer;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.jitter.PitchConcealer;
import dev.intercom.jitter.TargetPolicy;
import dev.intercom.rtp.RtpHeader;
import java.util.Arrays;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Replays a {@link Trace} through the very jitter buffer, concealment and drift code a live
 * peer uses, built with the same sizes, in virtual time: packets are offered at their recorded
 * arrival times and the playout polls every block period, so an hour of trace runs in seconds.
 * Optionally the packets carry real audio and what a listener would have heard is written out.
 */
public final class TraceSimulator {

    /** How long playout may run on after the last arrival, so the buffer drains. */
    private static final long DRAIN_NANOS = 2_000_000_000L;

    private final StreamFormat format;
    private final Supplier<TargetPolicy> policy;
    private final Supplier<Concealer> concealer;
    private final int capacityFrames;
    private final double ceilingFrames;
    private final int idleAfterFrames;
    private final int resyncAfterPackets;

    /**
     * @param format             the playout format: rate, channels and the block playout polls
     * @param policy             makes the delay target for each run, as {@code --jitter} sets it
     * @param concealer          makes the concealer for each run
     * @param capacityFrames     the ring size a live peer would use
     * @param idleAfterFrames    when a live peer would consider the stream stopped
     * @param resyncAfterPackets how many stray packets a live peer would resynchronise on
     */
    public TraceSimulator(StreamFormat format, Supplier<TargetPolicy> policy, Supplier<Concealer> concealer,
            int capacityFrames, int idleAfterFrames, int resyncAfterPackets) {
        this(format, policy, concealer, capacityFrames, idleAfterFrames, resyncAfterPackets,
                capacityFrames - 2 * format.blockFrames());
    }

    /**
     * @param format             the stream's format and the playout block
     * @param policy             makes the delay target for each run, as {@code --jitter} sets it
     * @param concealer          makes the concealer for each run
     * @param capacityFrames     the ring size a live peer would use
     * @param idleAfterFrames    when a live peer would consider the stream stopped
     * @param resyncAfterPackets how many stray packets a live peer would resynchronise on
     * @param ceilingFrames      the highest playout delay, as {@code --jitter-max} sets it
     */
    public TraceSimulator(StreamFormat format, Supplier<TargetPolicy> policy, Supplier<Concealer> concealer,
            int capacityFrames, int idleAfterFrames, int resyncAfterPackets, double ceilingFrames) {
        this.ceilingFrames = ceilingFrames;
        this.format = format;
        this.policy = policy;
        this.concealer = concealer;
        this.capacityFrames = capacityFrames;
        this.idleAfterFrames = idleAfterFrames;
        this.resyncAfterPackets = resyncAfterPackets;
    }

    /** A simulator of the peer {@code config} describes, with its target and pitch concealment. */
    public static TraceSimulator of(SessionConfig config, Supplier<TargetPolicy> policy) {
        return new TraceSimulator(config.format(), policy, () -> new PitchConcealer(config.format()),
                config.capacityFrames(), config.idleAfterFrames(), config.resyncAfterPackets(),
                config.maxTargetFrames());
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
        int maxFrames = (AudioConfig.MAX_DATAGRAM_BYTES - RtpHeader.FIXED_HEADER_LENGTH) / (2 * format.channels());
        for (int i = 0; i < packets; i++) {
            timestamp[i] = Math.round(trace.sendMs()[i] * format.sampleRate() / 1000.0);
        }
        for (int i = 0; i < packets; i++) {
            long next = i + 1 < packets ? timestamp[i + 1] : timestamp[i] + (i > 0 ? frames[i - 1] : format.blockFrames());
            frames[i] = (int) Math.max(1, Math.min(next - timestamp[i], Math.min(maxFrames, capacityFrames / 2)));
        }
        Integer[] byArrival = arrivalOrder(trace);
        double minTransitMs = trace.minTransitMs();

        JitterBuffer buffer = new JitterBuffer(format, policy.get(), capacityFrames, idleAfterFrames,
                resyncAfterPackets, concealer.get(), ceilingFrames);
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
            double readFrom = buffer.lastReadFrom() - JitterBuffer.EXTENDED_TIMESTAMP_BASE;
            if (Double.isNaN(readFrom)) {
                continue; // a held or stretched block read nothing
            }
            double readTo = buffer.readPosition() - JitterBuffer.EXTENDED_TIMESTAMP_BASE;
            // A packet some of whose frames this block read was played now, if it had arrived;
            // packets wholly before the read (skipped after a stall, or lost) were not played.
            while (nextToPlay < packets && timestamp[nextToPlay] < readTo) {
                int i = nextToPlay++;
                double arrival = trace.arrivalMs()[i];
                boolean read = timestamp[i] + frames[i] > readFrom;
                if (read && !Double.isNaN(arrival) && toNanos(arrival) <= tick) {
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
