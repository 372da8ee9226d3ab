package dev.intercom.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/**
 * The sound-stack tier on PipeWire, as most current desktops run it: Java Sound -> ALSA {@code
 * default} -> the ALSA pulse plugin -> {@code pipewire-pulse} -> PipeWire, with WirePlumber linking
 * the streams and the same null-sink card ({@link PulseAudioServer#startPipeWire}). The same
 * sessions and the same ears as {@link SoundStackTest}, from {@link SoundStackTier}. Needs pipewire, pipewire-pulse, wireplumber
 * and dbus-daemon ({@code .ci/run} installs them).
 */
class PipeWireStackTest extends SoundStackTier {

    @BeforeAll
    static void startServer() throws Exception {
        requireTools(PulseAudioServer.missingPipeWire());
        server = PulseAudioServer.startPipeWire(serverDir);
    }

    @Override
    PulseAudioServer startAnother(Path folder) throws Exception {
        return PulseAudioServer.startPipeWire(folder);
    }
}
