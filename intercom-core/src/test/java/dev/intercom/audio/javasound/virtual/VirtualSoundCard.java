package dev.intercom.audio.javasound.virtual;

import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.Mixer;

/**
 * Test control of the one virtual sound card that {@link VirtualMixerProvider} offers to Java
 * Sound: switch it on and off, choose what its microphone hears and how fast its clock runs,
 * and inspect what its speaker played.
 *
 * <p>Disabled by default, so the "no sound card" paths stay testable in the same JVM. A test
 * calls {@link #enable()} first and {@link #disable()} in {@code @AfterEach}; disabling also
 * closes lines left open and restores every setting, so tests do not leak into each other.
 * Settings may change while lines run: the signal on the next captured frame, the skew from
 * the moment a line next looks at its clock.
 */
public final class VirtualSoundCard {

    private static final VirtualMixer MIXER = new VirtualMixer();
    private static final PlayedAudio PLAYED = new PlayedAudio();
    private static final AtomicLong OVERFLOW_FRAMES = new AtomicLong();
    private static final AtomicLong UNDERRUNS = new AtomicLong();

    private static volatile boolean enabled;
    private static volatile CaptureSignal captureSignal = CaptureSignal.silence();
    private static volatile double skewPpm;
    private static volatile boolean serverQueue;
    private static volatile int playbackPositionLagFrames;

    private VirtualSoundCard() {
    }

    /** Makes Java Sound list the card. */
    public static void enable() {
        enabled = true;
    }

    /**
     * Hides the card from Java Sound, closes any line still open, forgets what was played and
     * restores silence and zero skew.
     */
    public static void disable() {
        enabled = false;
        MIXER.closeOpenLines();
        captureSignal = CaptureSignal.silence();
        skewPpm = 0;
        serverQueue = false;
        playbackPositionLagFrames = 0;
        reset();
    }

    /** @return whether Java Sound lists the card */
    public static boolean isEnabled() {
        return enabled;
    }

    /** @return the card's mixer info, as listed by {@code AudioSystem.getMixerInfo()} when enabled */
    public static Mixer.Info mixerInfo() {
        return MIXER.getMixerInfo();
    }

    /** @return the card's mixer */
    public static VirtualMixer mixer() {
        return MIXER;
    }

    /** Sets what capture lines hear from the next frame on. */
    public static void setCaptureSignal(CaptureSignal signal) {
        if (signal == null) {
            throw new IllegalArgumentException("signal must not be null");
        }
        captureSignal = signal;
    }

    /**
     * Captures a sine on every channel.
     *
     * @param hz        frequency
     * @param amplitude peak as a fraction of full scale, 0..1
     */
    public static void setCaptureSine(double hz, double amplitude) {
        setCaptureSignal(CaptureSignal.sine(hz, amplitude));
    }

    /**
     * Makes the card's clock run {@code ppm} parts per million fast (positive) or slow
     * (negative) against {@link System#nanoTime()}, for clock-drift tests.
     */
    public static void setSkewPpm(double ppm) {
        if (!(ppm > -1e6)) {
            throw new IllegalArgumentException("skew must be above -1e6 ppm: " + ppm);
        }
        skewPpm = ppm;
    }

    /**
     * Makes capture lines opened from now on behave as the ALSA pulse plugin's do: they record
     * from the moment they are opened (not started), keep everything on their side without
     * overflowing, and show it through a window of one line buffer that refills as it is read.
     */
    public static void setCaptureQueuedLikeASoundServer(boolean queued) {
        serverQueue = queued;
    }

    static boolean captureQueuedLikeASoundServer() {
        return serverQueue;
    }

    /**
     * Makes playback lines report their position this many frames behind what they played, and
     * their room that much smaller, as PipeWire's pulse layer does (a quantum or more): a line
     * that ran dry never looks empty. What they play and when stays the same.
     */
    public static void setPlaybackPositionLagFrames(int frames) {
        playbackPositionLagFrames = frames;
    }

    static int playbackPositionLagFrames() {
        return playbackPositionLagFrames;
    }

    /** @return the clock skew in parts per million */
    public static double skewPpm() {
        return skewPpm;
    }

    /**
     * @return copies of the samples played so far, interleaved in the playing line's format;
     *     the first 16 Mi samples are kept, later ones only counted in {@link #playedFrames()}
     */
    public static short[] playedSamples() {
        MIXER.syncOpenLines();
        return PLAYED.samples();
    }

    /** @return frames played so far */
    public static long playedFrames() {
        MIXER.syncOpenLines();
        return PLAYED.frames();
    }

    /** @return captured frames dropped because a capture line's buffer was full */
    public static long captureOverflowFrames() {
        MIXER.syncOpenLines();
        return OVERFLOW_FRAMES.get();
    }

    /** @return times playback ran dry while started and then resumed: audible gaps */
    public static long playbackUnderruns() {
        return UNDERRUNS.get();
    }

    /** @return lines currently open on the card */
    public static int openLineCount() {
        return MIXER.openLineCount();
    }

    /** Forgets what was played and zeroes the counters; open lines and settings stay. */
    public static void reset() {
        MIXER.syncOpenLines(); // so frames played before this call are not recorded after it
        PLAYED.clear();
        OVERFLOW_FRAMES.set(0);
        UNDERRUNS.set(0);
    }

    static CaptureSignal captureSignal() {
        return captureSignal;
    }

    static void countOverflow(long frames) {
        OVERFLOW_FRAMES.addAndGet(frames);
    }

    static void countUnderrun() {
        UNDERRUNS.incrementAndGet();
    }

    static void recordPlayed(short[] samples, int offset, int length, int channels) {
        PLAYED.append(samples, offset, length, channels);
    }
}
