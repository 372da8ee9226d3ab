package dev.intercom.audio.javasound;

/**
 * One Java Sound mixer that can capture or play PCM, as listed by {@link DeviceCatalogue}.
 *
 * @param index             position in {@link DeviceCatalogue#devices()}; what {@code --input N}
 *                          and {@code --output N} refer to
 * @param name              the mixer's name, matched by name fragments
 * @param description       the mixer's description (may be empty)
 * @param maxInputChannels  most channels a capture line offers, 0 for none, or
 *                          {@link #ANY_CHANNELS} when the mixer accepts any count
 * @param maxOutputChannels most channels a playback line offers, 0 for none, or
 *                          {@link #ANY_CHANNELS} when the mixer accepts any count
 * @param defaultInput      whether Java Sound picks this mixer for capture when none is named
 * @param defaultOutput     whether Java Sound picks this mixer for playback when none is named
 */
public record AudioDevice(int index, String name, String description, int maxInputChannels,
        int maxOutputChannels, boolean defaultInput, boolean defaultOutput) {

    /** Channel count of a mixer whose line formats leave the channel count unspecified. */
    public static final int ANY_CHANNELS = -1;

    /** @return whether this device can capture */
    public boolean hasInput() {
        return maxInputChannels != 0;
    }

    /** @return whether this device can play */
    public boolean hasOutput() {
        return maxOutputChannels != 0;
    }

    /** @return whether this device can capture {@code channels} interleaved channels */
    public boolean supportsInputChannels(int channels) {
        return maxInputChannels == ANY_CHANNELS || channels <= maxInputChannels;
    }

    /** @return whether this device can play {@code channels} interleaved channels */
    public boolean supportsOutputChannels(int channels) {
        return maxOutputChannels == ANY_CHANNELS || channels <= maxOutputChannels;
    }

    /** @return a short form for messages, e.g. {@code 0 'Card' (2 in, 2 out)} */
    public String summary() {
        return index + " '" + name + "' " + channelSummary();
    }

    /** @return e.g. {@code (2 in, 0 out)} or {@code (any in, any out)} */
    public String channelSummary() {
        return "(" + channels(maxInputChannels) + " in, " + channels(maxOutputChannels) + " out)";
    }

    private static String channels(int count) {
        return count == ANY_CHANNELS ? "any" : Integer.toString(count);
    }
}
