package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.intercom.audio.AudioDeviceException;
import java.lang.reflect.Proxy;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.Port;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The catalogue over several fake mixers, to see what one virtual card cannot show: port
 * mixers skipped, defaults chosen as Java Sound chooses them, ambiguous names.
 */
@Timeout(10)
class DeviceCatalogueSelectionTest {

    private final Mixer ports = fakeMixer("Port Card", new Line.Info[] {Port.Info.SPEAKER},
            new Line.Info[] {Port.Info.MICROPHONE}, 0);
    private final Mixer usbMic = fakeMixer("USB Mic", new Line.Info[0],
            new Line.Info[] {dataLine(TargetDataLine.class, 1, 2)}, 0);
    private final Mixer hdmi = fakeMixer("HDMI Out", new Line.Info[] {
            dataLine(SourceDataLine.class, 2, 8)}, new Line.Info[0], 1);
    private final Mixer pulse = fakeMixer("Pulse Card", new Line.Info[] {
            dataLine(SourceDataLine.class, AudioSystem.NOT_SPECIFIED)},
            new Line.Info[] {dataLine(TargetDataLine.class, 2)}, AudioSystem.NOT_SPECIFIED);
    private final DeviceCatalogue several = new DeviceCatalogue(
            () -> List.of(ports, usbMic, hdmi, pulse));

    @Test
    void skipsPortMixersAndPrefersAMixingMixerForOutput() {
        assertEquals(List.of(
                new AudioDevice(0, "USB Mic", "USB Mic device", 2, 0, true, false),
                new AudioDevice(1, "HDMI Out", "HDMI Out device", 0, 8, false, false),
                new AudioDevice(2, "Pulse Card", "Pulse Card device", 2,
                        AudioDevice.ANY_CHANNELS, false, true)), several.devices());
        assertEquals("> 0 USB Mic, USB Mic device (2 in, 0 out)\n"
                + "  1 HDMI Out, HDMI Out device (0 in, 8 out)\n"
                + "< 2 Pulse Card, Pulse Card device (2 in, any out)\n",
                several.formatTable(several.devices()));
    }

    @Test
    void honoursTheJavaSoundDefaultMixerProperty() {
        String key = "javax.sound.sampled.TargetDataLine";
        String before = System.getProperty(key);
        System.setProperty(key, "#Pulse Card");
        try {
            List<AudioDevice> devices = several.devices();
            assertEquals(false, devices.get(0).defaultInput());
            assertEquals(true, devices.get(2).defaultInput());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void findsByFragmentAmongDevicesOfTheRightDirection() {
        assertSame(pulse.getMixerInfo(), several.findOutput("card"),
                "Port Card has no data lines and is not listed");
        assertSame(usbMic.getMixerInfo(), several.findInput("usb"));
        AudioDeviceException noInput = assertThrows(AudioDeviceException.class,
                () -> several.findInput("1"));
        assertEquals("no audio input device has index 1; input devices: 0 'USB Mic' (2 in,"
                + " 0 out), 2 'Pulse Card' (2 in, any out) (run `intercom devices`), or use"
                + " --input tone or --input file:PATH", noInput.getMessage());
    }

    @Test
    void anAmbiguousFragmentIsAnErrorButAFullNameWins() {
        Mixer hdmi2 = fakeMixer("HDMI Out 2", new Line.Info[] {
                dataLine(SourceDataLine.class, 2)}, new Line.Info[0], 1);
        DeviceCatalogue withTwin = new DeviceCatalogue(() -> List.of(usbMic, hdmi, hdmi2, pulse));

        assertSame(hdmi.getMixerInfo(), withTwin.findOutput("hdmi out"));
        assertSame(hdmi2.getMixerInfo(), withTwin.findOutput("out 2"));
        AudioDeviceException ambiguous = assertThrows(AudioDeviceException.class,
                () -> withTwin.findOutput("hdmi"));
        assertEquals("audio output device name 'hdmi' is ambiguous, it matches 1 'HDMI Out'"
                + " (0 in, 8 out), 2 'HDMI Out 2' (0 in, 2 out); give the index or more of"
                + " the name (run `intercom devices`)", ambiguous.getMessage());
    }

    private static DataLine.Info dataLine(Class<? extends DataLine> lineClass, int... channels) {
        AudioFormat[] formats = new AudioFormat[channels.length];
        for (int i = 0; i < channels.length; i++) {
            formats[i] = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED,
                    AudioSystem.NOT_SPECIFIED, 16, channels[i],
                    channels[i] == AudioSystem.NOT_SPECIFIED ? AudioSystem.NOT_SPECIFIED
                            : 2 * channels[i], AudioSystem.NOT_SPECIFIED, false);
        }
        return new DataLine.Info(lineClass, formats, AudioSystem.NOT_SPECIFIED,
                AudioSystem.NOT_SPECIFIED);
    }

    /** A mixer that only answers the questions the catalogue asks. */
    private static Mixer fakeMixer(String name, Line.Info[] sources, Line.Info[] targets,
            int maxPlaybackLines) {
        Mixer.Info info = new Mixer.Info(name, "test", name + " device", "1") {
        };
        return (Mixer) Proxy.newProxyInstance(Mixer.class.getClassLoader(),
                new Class<?>[] {Mixer.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMixerInfo" -> info;
                    case "getSourceLineInfo" -> sources;
                    case "getTargetLineInfo" -> targets;
                    case "getMaxLines" -> maxPlaybackLines;
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
