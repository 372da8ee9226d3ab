package dev.intercom.codec;

import dev.intercom.audio.StreamFormat;
import dev.intercom.problem.ConfigException;

/**
 * What Opus accepts from the session's settings, checked in one place so that a configuration
 * can be validated before any thread starts ({@link #check}) and the codec refuses the same
 * things with the same words.
 */
public final class OpusSettings {

    /** The sample rates an Opus encoder and decoder run at (RFC 6716 section 2). */
    public static final int[] SAMPLE_RATES = {8000, 12000, 16000, 24000, 48000};

    /** The lowest bitrate libopus accepts, in kbit/s. */
    public static final int MIN_BITRATE_KBPS = 6;

    /** The highest bitrate libopus accepts, in kbit/s. */
    public static final int MAX_BITRATE_KBPS = 510;

    /**
     * Frame durations we send, in units of 2.5 ms (2.5, 5, 10, 20 ms). Opus also has 40 and 60 ms
     * frames, but an intercom built for low delay has no use for them (we still decode them).
     */
    private static final int[] QUARTER_TEN_MS = {1, 2, 4, 8};

    /** Frame durations, in units of 2.5 ms, that carry SILK and so in-band FEC (10 and 20 ms). */
    private static final int[] FEC_QUARTER_TEN_MS = {4, 8};

    private OpusSettings() {
    }

    /**
     * @param channels 1 or 2
     * @return a bitrate that sounds transparent for speech and good for music: 64 kbit/s for
     *         mono, 96 for stereo
     */
    public static int defaultBitrateKbps(int channels) {
        return channels >= 2 ? 96 : 64;
    }

    /**
     * Refuses settings Opus cannot run with, naming the flag to change.
     *
     * @param format      the session's rate, channels and block
     * @param bitrateKbps target bitrate in kbit/s
     * @param fec         whether in-band FEC is asked for
     * @throws ConfigException for an unsupported rate ({@code --rate}), channel count
     *                         ({@code --channels}), block ({@code --block}), bitrate
     *                         ({@code --bitrate}), or FEC with blocks too short to carry it
     *                         ({@code --fec})
     */
    public static void check(StreamFormat format, int bitrateKbps, boolean fec) {
        int rate = format.sampleRate();
        if (!isSampleRate(rate)) {
            throw new ConfigException("--rate", "Opus runs at 8000, 12000, 16000, 24000 or 48000 Hz (got " + rate + ")");
        }
        if (format.channels() != 1 && format.channels() != 2) {
            throw new ConfigException("--channels", "Opus carries 1 or 2 channels (got " + format.channels() + ")");
        }
        int block = format.blockFrames();
        if (!contains(QUARTER_TEN_MS, rate, block)) {
            throw new ConfigException("--block", "Opus needs blocks of 2.5, 5, 10 or 20 ms: at " + rate + " Hz --block "
                    + frameList(QUARTER_TEN_MS, rate) + " (got " + block + ")");
        }
        if (bitrateKbps < MIN_BITRATE_KBPS || bitrateKbps > MAX_BITRATE_KBPS) {
            throw new ConfigException("--bitrate", "must be from " + MIN_BITRATE_KBPS + " to " + MAX_BITRATE_KBPS
                    + " kbps for Opus (got " + bitrateKbps + ")");
        }
        if (fec && !contains(FEC_QUARTER_TEN_MS, rate, block)) {
            // Blocks under 10 ms are coded by CELT alone, and only SILK carries in-band FEC.
            throw new ConfigException("--fec", "Opus in-band FEC needs blocks of 10 or 20 ms: at " + rate + " Hz --block "
                    + frameList(FEC_QUARTER_TEN_MS, rate) + " (got " + block + "), or leave FEC off");
        }
    }

    /** @return whether Opus runs at {@code rate} Hz */
    public static boolean isSampleRate(int rate) {
        for (int r : SAMPLE_RATES) {
            if (r == rate) {
                return true;
            }
        }
        return false;
    }

    /** @return frames in 2.5 ms at {@code rate}, the unit every Opus frame and concealment is made of */
    static int framesPer2500Micros(int rate) {
        return rate / 400;
    }

    private static boolean contains(int[] quarters, int rate, int frames) {
        for (int q : quarters) {
            if (q * framesPer2500Micros(rate) == frames) {
                return true;
            }
        }
        return false;
    }

    /** @return e.g. "120, 240, 480 or 960" */
    private static String frameList(int[] quarters, int rate) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < quarters.length; i++) {
            if (i > 0) {
                s.append(i == quarters.length - 1 ? " or " : ", ");
            }
            s.append(quarters[i] * framesPer2500Micros(rate));
        }
        return s.toString();
    }
}
