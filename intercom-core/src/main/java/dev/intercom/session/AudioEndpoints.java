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
import dev.intercom.audio.javasound.DeviceCatalogue;
import dev.intercom.audio.javasound.JavaSoundInput;
import dev.intercom.audio.javasound.JavaSoundOutput;
import dev.intercom.time.NanoClock;

/** Opens the input and output a user asked for with {@code --input} and {@code --output}. */
public final class AudioEndpoints {

    private AudioEndpoints() {
    }

    /**
     * @throws dev.intercom.audio.AudioDeviceException with a message saying what to do if the
     *     device or file cannot be opened in this format
     */
    public static AudioInput openInput(InputSpec spec, StreamFormat format, NanoClock clock) {
        if (spec instanceof InputSpec.Tone tone) {
            return new ToneInput(format, tone.hz(), clock);
        }
        if (spec instanceof InputSpec.Silence) {
            return new SilenceInput(format, clock);
        }
        if (spec instanceof InputSpec.File file) {
            return new WavFileInput(file.path(), format, clock);
        }
        if (spec instanceof InputSpec.Device device) {
            return new JavaSoundInput(format, new DeviceCatalogue().findInput(device.indexOrName()));
        }
        return new JavaSoundInput(format, new DeviceCatalogue().findInput(DeviceCatalogue.DEFAULT_SPEC));
    }

    /**
     * @throws dev.intercom.audio.AudioDeviceException with a message saying what to do if the
     *     device or file cannot be opened in this format
     */
    public static AudioOutput openOutput(OutputSpec spec, StreamFormat format, NanoClock clock) {
        if (spec instanceof OutputSpec.File file) {
            return new WavFileOutput(file.path(), format, clock);
        }
        if (spec instanceof OutputSpec.Discard) {
            return new NullOutput(format, clock);
        }
        if (spec instanceof OutputSpec.Device device) {
            return new JavaSoundOutput(format, new DeviceCatalogue().findOutput(device.indexOrName()));
        }
        return new JavaSoundOutput(format, new DeviceCatalogue().findOutput(DeviceCatalogue.DEFAULT_SPEC));
    }
}
