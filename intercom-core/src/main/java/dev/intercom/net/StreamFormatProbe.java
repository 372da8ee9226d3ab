package dev.intercom.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an L16 stream sent at another sample rate or channel count than this session's, and
 * says so once. Such a stream is valid RTP and would otherwise be played without a word, 8.8%
 * sharp (44.1 kHz into 48 kHz) or garbled (stereo read as mono).
 *
 * <p>Two figures tell it, over a window of about a second of packets: the sender's clock rate is
 * the slope of RTP timestamp over arrival time (a least-squares fit, so arrival jitter averages
 * out), snapped to the nearest common rate; its channel count is a packet's samples over the
 * timestamp step to the next packet, which counts the sender's frames (RFC 3551: the L16 clock
 * is the sample rate). Opus needs neither check: its RTP clock is always 48 kHz and its decoder
 * plays mono and stereo streams alike.
 *
 * <p>Used by the event loop only; allocates nothing per packet.
 */
public final class StreamFormatProbe {

    private static final Logger LOG = LoggerFactory.getLogger(StreamFormatProbe.class);
    /** Rates senders use; a measured slope within {@link #SNAP} of one of them is taken as it. */
    private static final int[] COMMON_RATES = {8_000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 88_200,
        96_000, 176_400, 192_000};
    private static final double SNAP = 0.02;
    /** Packets a window needs before its figures are believed. */
    private static final int MIN_PACKETS = 20;
    private static final int MAX_CHANNELS = 8;
    private static final int BYTES_PER_SAMPLE = 2;

    private final int sampleRate;
    private final int channels;
    private final long windowNanos;
    private String finding;

    private boolean started;
    private long ssrc;
    private long firstNanos;
    private long lastTimestamp;
    private int lastSequence;
    private int lastSamples;
    private long timestampOffset;
    private int packets;
    private double sumX;
    private double sumY;
    private double sumXx;
    private double sumXy;
    private final int[] channelVotes = new int[MAX_CHANNELS + 1];

    /**
     * @param sampleRate  this session's rate
     * @param channels    this session's channels
     * @param windowNanos how much arrival time a verdict takes (the report comes this long after
     *                    the first packet)
     */
    public StreamFormatProbe(int sampleRate, int channels, long windowNanos) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.windowNanos = windowNanos;
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
        add((arrivalNanos - firstNanos) / 1e9, timestampOffset);
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
        sumX = 0;
        sumY = 0;
        sumXx = 0;
        sumXy = 0;
        java.util.Arrays.fill(channelVotes, 0);
        add(0, 0);
    }

    private void add(double x, double y) {
        packets++;
        sumX += x;
        sumY += y;
        sumXx += x * x;
        sumXy += x * y;
    }

    private void judge() {
        double denominator = packets * sumXx - sumX * sumX;
        int rate = denominator > 0 ? snap((packets * sumXy - sumX * sumY) / denominator) : 0;
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
        int shownRate = rate != 0 ? rate : sampleRate;
        int shownChannels = theirChannels != 0 ? theirChannels : channels;
        StringBuilder fix = new StringBuilder();
        if (shownRate != sampleRate) {
            fix.append(" --rate ").append(shownRate);
        }
        if (shownChannels != channels) {
            fix.append(" --channels ").append(shownChannels);
        }
        finding = "the peer seems to send " + shownRate + " Hz " + channelWord(shownChannels) + "; this session is "
                + sampleRate + " Hz " + channelWord(channels) + ": start with" + fix
                + " (or make the peer send " + sampleRate + " Hz " + channelWord(channels) + ")";
        LOG.warn("{}", finding);
    }

    /** @return the common rate within {@link #SNAP} of {@code measured}, or 0 if none is */
    private static int snap(double measured) {
        for (int rate : COMMON_RATES) {
            if (Math.abs(measured / rate - 1) <= SNAP) {
                return rate;
            }
        }
        return 0;
    }

    private static String channelWord(int count) {
        return count == 1 ? "mono" : count == 2 ? "stereo" : count + " channels";
    }

    /** @return the line logged about a mismatch, or {@code null} while none has been found */
    public String finding() {
        return finding;
    }
}
