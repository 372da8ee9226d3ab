package dev.intercom.audio.file;

import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;

/**
 * An input that captures a steady sine tone in real time, the same on every channel, at a
 * quarter of full scale (-12 dBFS) so it is clearly audible without clipping after mixing.
 * The phase runs on across blocks, so the tone has no clicks at block borders.
 */
public final class ToneInput extends PacedInput {

    /** Peak sample value: 0.25 of full scale, -12 dBFS. */
    public static final double AMPLITUDE = 0.25 * Short.MAX_VALUE;

    private final double frequencyHz;
    private final double cyclesPerFrame;
    /** Phase in cycles, kept in [0, 1) so its precision does not decay over hours. */
    private double phase;

    /**
     * @param format      the session's format
     * @param frequencyHz tone frequency, above 0 and below half the sample rate
     * @param clock       the time source that paces reads ({@link NanoClock#SYSTEM} outside tests)
     */
    public ToneInput(StreamFormat format, double frequencyHz, NanoClock clock) {
        super(format, clock);
        if (!(frequencyHz > 0 && frequencyHz < format.sampleRate() / 2.0)) {
            throw new IllegalArgumentException("tone frequency must be above 0 and below "
                    + format.sampleRate() / 2 + " Hz (half the sample rate), got " + frequencyHz);
        }
        this.frequencyHz = frequencyHz;
        this.cyclesPerFrame = frequencyHz / format.sampleRate();
    }

    @Override
    boolean fill(short[] block) {
        int channels = format().channels();
        int frames = format().blockFrames();
        int i = 0;
        for (int f = 0; f < frames; f++) {
            short s = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * phase));
            for (int c = 0; c < channels; c++) {
                block[i++] = s;
            }
            phase += cyclesPerFrame;
            if (phase >= 1.0) {
                phase -= 1.0;
            }
        }
        return true;
    }

    /** @return the tone's frequency in hertz */
    public double frequencyHz() {
        return frequencyHz;
    }

    /** @return e.g. {@code "tone 440 Hz"} */
    @Override
    public String describe() {
        String hz = frequencyHz == Math.rint(frequencyHz)
                ? Long.toString((long) frequencyHz) : Double.toString(frequencyHz);
        return "tone " + hz + " Hz";
    }
}
