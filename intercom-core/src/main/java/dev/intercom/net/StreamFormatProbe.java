package dev.intercom.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an L16 stream sent at another sample rate or channel count than this session's, and
 * says so once. Such a stream is valid RTP and would otherwise be played without a word, 8.8%
 * sharp (44.1 kHz into 48 kHz) or garbled (stereo read as mono).
 *
 * <p>Two figures tell it, over a window of about a second of packets. The sender's clock rate:
 * for each common rate R, a packet's arrival time less its timestamp's time at R is its delay
 * plus a constant, so at the sender's true rate the smallest of these in the first half of the
 * window equals the smallest in the second half; at a rate 8.8% off they drift apart by 8.8% of
 * the time between. Minima, not means: delays are one-sided (a stalled sender or receiver only
 * ever adds), and the fastest packets of each half carry almost none. The channel count: a
 * packet's samples over the timestamp step to the next packet, which counts the sender's frames
 * (RFC 3551: the L16 clock is the sample rate). Opus needs neither check: its RTP clock is always 48 kHz and its decoder
 * plays mono and stereo streams alike.
 *
 * <p>Used by the event loop only; allocates nothing per packet.
 */
public final class StreamFormatProbe {

    private static final Logger LOG = LoggerFactory.getLogger(StreamFormatProbe.class);
    /** Rates senders use, the candidates for theirs. */
    private static final int[] COMMON_RATES = {8_000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 88_200,
        96_000, 176_400, 192_000};
    /** A rate's two minima may differ by this much and still be the sender's rate. */
    private static final double STEADY_NANOS = 5e6;
    /** Our own rate is ruled out only when its minima drift apart by more than this. */
    private static final double DRIFTING_NANOS = 12e6;
    /** Packets a window needs before its figures are believed. */
    private static final int MIN_PACKETS = 20;
    private static final int MAX_CHANNELS = 8;
    /** Windows to wait for a steady rate before naming wrong channels without one. */
    private static final int MAX_UNSTEADY_WINDOWS = 3;
    private static final int BYTES_PER_SAMPLE = 2;

    private final int sampleRate;
    private final int channels;
    private final long windowNanos;
    private final String who;
    private String finding;

    private boolean started;
    private long ssrc;
    private long firstNanos;
    private long lastTimestamp;
    private int lastSequence;
    private int lastSamples;
    private long timestampOffset;
    private int packets;
    /** Per candidate rate: the smallest arrival-less-timestamp offset in the first and second half. */
    private final double[] firstHalfMin = new double[COMMON_RATES.length];
    private final double[] secondHalfMin = new double[COMMON_RATES.length];
    private int windows;
    private final int[] channelVotes = new int[MAX_CHANNELS + 1];

    /**
     * @param sampleRate  this session's rate
     * @param channels    this session's channels
     * @param windowNanos how much arrival time a verdict takes (the report comes this long after
     *                    the first packet)
     */
    public StreamFormatProbe(int sampleRate, int channels, long windowNanos) {
        this(sampleRate, channels, windowNanos, "the peer");
    }

    /**
     * As above, for one of several peers.
     *
     * @param who how the finding names the peer, e.g. {@code the peer 10.0.0.2:5004}
     */
    public StreamFormatProbe(int sampleRate, int channels, long windowNanos, String who) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.windowNanos = windowNanos;
        this.who = who;
    }

    /**
     * Notes one accepted L16 packet of the peer's stream.
     *
     * @param payloadBytes its audio bytes (padding excluded)
     */
    public void observe(long packetSsrc, int sequence, long timestamp, int payloadBytes, long arrivalNanos) {
        if (finding != null) {
            return;
        }
        if (!started || packetSsrc != ssrc) {
            restart(packetSsrc, sequence, timestamp, payloadBytes, arrivalNanos);
            return;
        }
        int step = (int) (timestamp - lastTimestamp); // the 32-bit difference, wrap-around included
        if (Math.abs((long) step) > 4L * sampleRate * 2) {
            restart(packetSsrc, sequence, timestamp, payloadBytes, arrivalNanos); // a jump: a new stream
            return;
        }
        if (((lastSequence + 1) & 0xFFFF) == sequence && step > 0 && lastSamples % step == 0) {
            int perFrame = lastSamples / step;
            if (perFrame >= 1 && perFrame <= MAX_CHANNELS) {
                channelVotes[perFrame]++;
            }
        }
        timestampOffset += step;
        lastTimestamp = timestamp;
        lastSequence = sequence;
        lastSamples = payloadBytes / BYTES_PER_SAMPLE;
        add(arrivalNanos - firstNanos, timestampOffset);
        if (arrivalNanos - firstNanos >= windowNanos && packets >= MIN_PACKETS) {
            judge();
            if (finding == null) {
                restart(packetSsrc, sequence, timestamp, payloadBytes, arrivalNanos); // fine so far: watch on
            }
        }
    }

    private void restart(long packetSsrc, int sequence, long timestamp, int payloadBytes, long arrivalNanos) {
        started = true;
        ssrc = packetSsrc;
        firstNanos = arrivalNanos;
        lastTimestamp = timestamp;
        lastSequence = sequence;
        lastSamples = payloadBytes / BYTES_PER_SAMPLE;
        timestampOffset = 0;
        packets = 0;
        java.util.Arrays.fill(channelVotes, 0);
        java.util.Arrays.fill(firstHalfMin, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(secondHalfMin, Double.POSITIVE_INFINITY);
        add(0, 0);
    }

    private void add(long sinceFirstNanos, long frames) {
        packets++;
        double[] minima = sinceFirstNanos < windowNanos / 2 ? firstHalfMin : secondHalfMin;
        for (int i = 0; i < COMMON_RATES.length; i++) {
            double offset = sinceFirstNanos - frames * 1e9 / COMMON_RATES[i];
            if (offset < minima[i]) {
                minima[i] = offset;
            }
        }
    }

    /** @return the sender's rate, or 0 if the window does not tell it (an unsteady or unpaced sender) */
    private int senderRate() {
        int best = -1;
        int ours = -1;
        for (int i = 0; i < COMMON_RATES.length; i++) {
            if (best < 0 || drift(i) < drift(best)) {
                best = i;
            }
            if (COMMON_RATES[i] == sampleRate) {
                ours = i;
            }
        }
        if (drift(best) > STEADY_NANOS) {
            return 0;
        }
        if (COMMON_RATES[best] != sampleRate && ours >= 0 && drift(ours) < DRIFTING_NANOS) {
            return sampleRate; // too close to call: believe it is ours
        }
        return COMMON_RATES[best];
    }

    private double drift(int candidate) {
        return Math.abs(secondHalfMin[candidate] - firstHalfMin[candidate]);
    }

    private void judge() {
        windows++;
        int rate = senderRate();
        int theirChannels = 0;
        int votes = 0;
        for (int c = 1; c <= MAX_CHANNELS; c++) {
            if (channelVotes[c] > votes) {
                votes = channelVotes[c];
                theirChannels = c;
            }
        }
        boolean rateDiffers = rate != 0 && rate != sampleRate;
        // Most consecutive pairs must agree: a lost or reordered packet breaks a pair, not the verdict.
        boolean channelsDiffer = theirChannels != 0 && theirChannels != channels && votes * 2 >= packets;
        if (!rateDiffers && !channelsDiffer) {
            return;
        }
        if (rate == 0 && windows < MAX_UNSTEADY_WINDOWS) {
            return; // the channels are wrong but the rate is not clear yet: the next window may tell it
        }
        int shownChannels = theirChannels != 0 ? theirChannels : channels;
        StringBuilder fix = new StringBuilder();
        if (rateDiffers) {
            fix.append(" --rate ").append(rate);
        }
        if (shownChannels != channels) {
            fix.append(" --channels ").append(shownChannels);
        }
        finding = who + " seems to send " + (rate != 0 ? rate + " Hz " : "") + channelWord(shownChannels)
                + "; this session is " + sampleRate + " Hz " + channelWord(channels) + ": start with" + fix
                + " (or make the peer send " + sampleRate + " Hz " + channelWord(channels) + ")";
        LOG.warn("{}", finding);
    }

    private static String channelWord(int count) {
        return count == 1 ? "mono" : count == 2 ? "stereo" : count + " channels";
    }

    /** @return the line logged about a mismatch, or {@code null} while none has been found */
    public String finding() {
        return finding;
    }
}
