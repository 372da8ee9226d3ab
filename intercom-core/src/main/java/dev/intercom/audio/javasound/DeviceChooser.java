package dev.intercom.audio.javasound;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.pulse.PulseRouting;
import dev.intercom.audio.pulse.SoundServer;
import dev.intercom.audio.pulse.SoundServerDevice;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sound.sampled.Mixer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the user typed after {@code --input} / {@code --output} into the mixer to open:
 * one of Java Sound's devices ({@link DeviceCatalogue}) or, failing that, a source or sink of the
 * running sound server (PulseAudio or PipeWire), reached through ALSA's {@code default} device
 * with the line routed there ({@link PulseRouting}).
 */
public final class DeviceChooser {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceChooser.class);

    private DeviceChooser() {
    }

    /**
     * @return the mixer to capture from, or null for the default device (perhaps routed to a
     *     sound server's source)
     * @throws AudioDeviceException naming Java Sound's devices when neither matches
     */
    public static Mixer.Info input(String spec) {
        return choose(spec, Direction.INPUT, SoundServer::sources, PulseRouting::captureFrom);
    }

    /**
     * @return the mixer to play on, or null for the default device (perhaps routed to a sound
     *     server's sink)
     * @throws AudioDeviceException naming Java Sound's devices when neither matches
     */
    public static Mixer.Info output(String spec) {
        return choose(spec, Direction.OUTPUT, SoundServer::sinks, PulseRouting::playTo);
    }

    private static Mixer.Info choose(String spec, Direction direction,
            Function<SoundServer, List<SoundServerDevice>> serverDevices, Consumer<String> route) {
        DeviceCatalogue catalogue = new DeviceCatalogue();
        try {
            return direction == Direction.INPUT ? catalogue.findInput(spec) : catalogue.findOutput(spec);
        } catch (AudioDeviceException notJavaSound) {
            String name = soundServerDevice(spec, serverDevices).orElseThrow(() -> notJavaSound);
            route.accept(name);
            LOG.info("{}: the sound server's {} '{}', through ALSA's default device", direction.word,
                    direction == Direction.INPUT ? "source" : "sink", name);
            return null;
        }
    }

    private static Optional<String> soundServerDevice(String spec,
            Function<SoundServer, List<SoundServerDevice>> devices) {
        return SoundServer.find().flatMap(server -> SoundServer.match(spec, devices.apply(server)));
    }
}
