package dev.intercom.audio.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading pactl's listing and choosing a sink or source from what the user typed. */
class SoundServerTest {

    private static final String LISTING = String.join("\n",
            "Sink #0",
            "\tState: RUNNING",
            "\tName: alsa_output.pci-0000_00_1f.3.analog-stereo",
            "\tDescription: Built-in Audio Analog Stereo",
            "\tDriver: module-alsa-card.c",
            "\tProperties:",
            "\t\tdevice.description = \"Built-in Audio Analog Stereo\"",
            "",
            "Sink #1",
            "\tName: alsa_output.usb-Focusrite_Scarlett_2i2-00.analog-stereo",
            "\tDescription: Scarlett 2i2 Analog Stereo",
            "");

    private static final List<SoundServerDevice> SINKS = SoundServer.parse(LISTING);

    @Test
    void readsNamesAndDescriptionsInOrder() {
        assertEquals(List.of(
                new SoundServerDevice("alsa_output.pci-0000_00_1f.3.analog-stereo", "Built-in Audio Analog Stereo"),
                new SoundServerDevice("alsa_output.usb-Focusrite_Scarlett_2i2-00.analog-stereo",
                        "Scarlett 2i2 Analog Stereo")), SINKS);
    }

    @Test
    void matchesAnExactNameOrOneFragmentOfNameOrDescription() {
        assertEquals(Optional.of("alsa_output.pci-0000_00_1f.3.analog-stereo"),
                SoundServer.match("alsa_output.pci-0000_00_1f.3.analog-stereo", SINKS));
        assertEquals(Optional.of("alsa_output.usb-Focusrite_Scarlett_2i2-00.analog-stereo"),
                SoundServer.match("scarlett", SINKS));
        assertEquals(Optional.of("alsa_output.pci-0000_00_1f.3.analog-stereo"), SoundServer.match("Built-in", SINKS));
    }

    @Test
    void anAmbiguousOrUnknownFragmentMatchesNothing() {
        assertEquals(Optional.empty(), SoundServer.match("analog", SINKS));
        assertEquals(Optional.empty(), SoundServer.match("hdmi", SINKS));
    }
}
