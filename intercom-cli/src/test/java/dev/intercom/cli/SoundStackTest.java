package dev.intercom.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/**
 * The sound-stack tier on PulseAudio 16: Java Sound -> ALSA {@code default} -> the ALSA pulse
 * plugin -> PulseAudio, with null sinks as the card ({@link PulseAudioServer#start}).
 */
class SoundStackTest extends SoundStackTier {

    @BeforeAll
    static void startServer() throws Exception {
        requireTools(PulseAudioServer.missingTools());
        server = PulseAudioServer.start(serverDir);
    }

    @Override
    PulseAudioServer startAnother(Path folder) throws Exception {
        return PulseAudioServer.start(folder);
    }
}
