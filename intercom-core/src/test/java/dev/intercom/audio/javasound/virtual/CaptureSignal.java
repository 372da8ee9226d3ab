package dev.intercom.audio.javasound.virtual;

/**
 * What the virtual sound card's microphone hears: the sample of every captured frame and
 * channel, as a pure function of the frame's index since the capture line was opened. Frames
 * dropped by a capture overflow are skipped, so a reader that falls behind sees a jump in the
 * signal, as on real hardware.
 */
@FunctionalInterface
public interface CaptureSignal {

    /**
     * @param sampleRate the capture line's sample rate
     * @param frame      frame index since the line was opened, counting dropped frames
     * @param channel    channel within the frame, from 0
     * @return the sample captured
     */
    short sample(float sampleRate, long frame, int channel);

    /** @return all zeros */
    static CaptureSignal silence() {
        return (sampleRate, frame, channel) -> 0;
    }

    /**
     * @param hz        frequency of the sine, the same on every channel
     * @param amplitude peak as a fraction of full scale, 0..1
     * @return a sine starting at phase 0 on frame 0
     */
    static CaptureSignal sine(double hz, double amplitude) {
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("amplitude must be in 0..1: " + amplitude);
        }
        double peak = amplitude * Short.MAX_VALUE;
        return (sampleRate, frame, channel) ->
                (short) Math.round(peak * Math.sin(2 * Math.PI * hz * frame / sampleRate));
    }

    /**
     * @return a signal that names its own position: {@code frame * 8 + channel}, wrapping at
     *     16 bits, so tests can tell exactly which frames arrived in which order
     */
    static CaptureSignal frameCounter() {
        return (sampleRate, frame, channel) -> (short) (frame * 8 + channel);
    }
}
