package dev.intercom.session;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.InputSpec;
import dev.intercom.audio.OutputSpec;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.NullOutput;
import dev.intercom.audio.file.SilenceInput;
import dev.intercom.audio.file.ToneInput;
import dev.intercom.audio.file.WavFileInput;
import dev.intercom.audio.file.WavFileOutput;
import dev.intercom.config.SessionConfig;
import dev.intercom.audio.javasound.DeviceCatalogue;
import dev.intercom.audio.javasound.DeviceChooser;
import dev.intercom.audio.javasound.GrowingOutput;
import dev.intercom.audio.javasound.JavaSoundInput;
import dev.intercom.audio.javasound.JavaSoundOutput;
import dev.intercom.time.NanoClock;
import java.util.function.IntFunction;
import javax.sound.sampled.Mixer;

/**
 * Opens the input and output a user asked for with {@code --input} and {@code --output}, a sound
 * card's lines with the buffers {@code --device-buffer} asks for.
 */
public final class AudioEndpoints {

    private AudioEndpoints() {
    }

    /**
     * @throws dev.intercom.audio.AudioDeviceException with a message saying what to do if the
     *     device or file cannot be opened in this format
     */
    public static AudioInput openInput(SessionConfig config, NanoClock clock) {
        return openInput(config, clock, true);
    }

    /**
     * @param dropsStale whether a sound card's capture drops what queued while its reader did not
     *                   run (a session); {@code false} for a measurement, whose recording must
     *                   keep every frame in its place
     * @throws dev.intercom.audio.AudioDeviceException with a message saying what to do if the
     *     device or file cannot be opened in this format
     */
    public static AudioInput openInput(SessionConfig config, NanoClock clock, boolean dropsStale) {
        InputSpec spec = config.input();
        StreamFormat format = config.format();
        if (spec instanceof InputSpec.Tone tone) {
            return new ToneInput(format, tone.hz(), clock);
        }
        if (spec instanceof InputSpec.Silence) {
            return new SilenceInput(format, clock);
        }
        if (spec instanceof InputSpec.File file) {
            return new WavFileInput(file.path(), format, clock);
        }
        String device = spec instanceof InputSpec.Device d ? d.indexOrName() : DeviceCatalogue.DEFAULT_SPEC;
        int blocks = lineBufferBlocks(config, autoCaptureBlocks(format));
        return RealTimeScheduling.openWithRealTimeHelpers(
                () -> new JavaSoundInput(format, DeviceChooser.input(device), blocks, dropsStale));
    }

    /**
     * @throws dev.intercom.audio.AudioDeviceException with a message saying what to do if the
     *     device or file cannot be opened in this format
     */
    public static AudioOutput openOutput(SessionConfig config, NanoClock clock) {
        return openOutput(config, clock, true);
    }

    /**
     * @param mayGrow whether a sound card's line with {@code --device-buffer auto} may grow when
     *                it keeps running dry ({@link GrowingOutput}); {@code false} for a
     *                measurement, whose device latency must hold still
     * @throws dev.intercom.audio.AudioDeviceException with a message saying what to do if the
     *     device or file cannot be opened in this format
     */
    public static AudioOutput openOutput(SessionConfig config, NanoClock clock, boolean mayGrow) {
        OutputSpec spec = config.output();
        StreamFormat format = config.format();
        if (spec instanceof OutputSpec.File file) {
            return new WavFileOutput(file.path(), format, clock);
        }
        if (spec instanceof OutputSpec.Discard) {
            return new NullOutput(format, clock);
        }
        String device = spec instanceof OutputSpec.Device d ? d.indexOrName() : DeviceCatalogue.DEFAULT_SPEC;
        Mixer.Info mixer = DeviceChooser.output(device);
        IntFunction<JavaSoundOutput> opener = blocks -> RealTimeScheduling.openWithRealTimeHelpers(
                () -> new JavaSoundOutput(format, mixer, blocks));
        if (config.deviceBufferMs().isPresent() || !mayGrow) {
            return opener.apply(lineBufferBlocks(config, autoPlaybackBlocks(format)));
        }
        return new GrowingOutput(opener, autoPlaybackBlocks(format), maxAutoPlaybackBlocks(format));
    }

    /**
     * The largest playback buffer {@code --device-buffer auto} grows to: {@value #MAX_AUTO_PLAYBACK_MS}
     * ms, more than the longest stall measured on this VM (22 ms), and at least the buffer it starts with.
     */
    static int maxAutoPlaybackBlocks(StreamFormat format) {
        return Math.max(autoPlaybackBlocks(format), (int) Math.floor(MAX_AUTO_PLAYBACK_MS / format.blockMillis() + 1e-9));
    }

    /** The most playback buffer {@code --device-buffer auto} grows to, in milliseconds. */
    static final double MAX_AUTO_PLAYBACK_MS = 48;

    /**
     * The playback buffer with {@code --device-buffer auto}: at least {@value #AUTO_PLAYBACK_MS} ms
     * and at least 3 blocks. Measured on PulseAudio 16 with other builds loading the machine:
     * 4-8 ms at block 64 ran dry 3-9 times in 10 s, 12-21 ms did not.
     */
    static int autoPlaybackBlocks(StreamFormat format) {
        return Math.max(JavaSoundOutput.DEFAULT_BUFFER_BLOCKS,
                (int) Math.ceil(AUTO_PLAYBACK_MS / format.blockMillis() - 1e-9));
    }

    /**
     * The capture buffer with {@code --device-buffer auto}: 3 blocks, so a sound server (which
     * delivers a third of the buffer at a time) delivers one block at a time; for blocks shorter
     * than {@value #SHORT_BLOCK_MS} ms, at least {@value #AUTO_CAPTURE_MS} ms in periods of whole
     * blocks. Chosen by measurement (PulseAudio 16, sound-stack tier, crackles with no playback
     * underrun, per 12 s unless noted): block 64 with 4 ms 59-65 in 30 s (the capture line
     * overran), 8 ms 13-29, 12 ms 0-2; block 128 with 8 ms (3 blocks) 0-4, with 13-16 ms (5-6
     * blocks) 3-7 and 16 in 30 s. Capture latency does not grow with the buffer: a period is read
     * as soon as it arrives.
     */
    static int autoCaptureBlocks(StreamFormat format) {
        int periodBlocks = format.blockMillis() >= SHORT_BLOCK_MS ? 1
                : (int) Math.ceil(AUTO_CAPTURE_MS / 3 / format.blockMillis() - 1e-9);
        return JavaSoundInput.DEFAULT_BUFFER_BLOCKS * periodBlocks;
    }

    /** Blocks shorter than this (in ms) are too short a period for a sound server's capture. */
    static final double SHORT_BLOCK_MS = 2.5;

    /** The least playback buffer {@code --device-buffer auto} asks for, in milliseconds. */
    static final double AUTO_PLAYBACK_MS = 12;
    /** The least capture buffer {@code --device-buffer auto} asks for, in milliseconds. */
    static final double AUTO_CAPTURE_MS = 12;

    /**
     * @return {@code --device-buffer} rounded up to whole blocks, at least 2 (the card fills or
     *     plays one while we handle the other), or {@code auto} blocks if it was not given
     */
    static int lineBufferBlocks(SessionConfig config, int auto) {
        return config.deviceBufferMs()
                .map(ms -> Math.max(2, (int) Math.ceil(ms / config.format().blockMillis() - 1e-9)))
                .orElse(auto);
    }
}
