package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.AudioDeviceException;
import dev.intercom.audio.javasound.virtual.VirtualMixer;
import dev.intercom.audio.javasound.virtual.VirtualSoundCard;
import java.util.List;
import javax.sound.sampled.Mixer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The catalogue over what Java Sound really lists: nothing, or the virtual sound card. */
@Timeout(10)
class DeviceCatalogueTest {

    private final DeviceCatalogue catalogue = new DeviceCatalogue();

    @BeforeEach
    void machineHasNoSoundCard() {
        VirtualSoundCard.disable();
        assumeTrue(catalogue.devices().isEmpty(), "this machine has a real sound card");
    }

    @AfterEach
    void disableCard() {
        VirtualSoundCard.disable();
    }

    @Test
    void withoutASoundCardThereIsNothingAndEveryLookupSaysWhatToDo() {
        assertEquals("no audio devices found on this machine", catalogue.formatTable(List.of()));
        assertNull(catalogue.findInput("default"), "default is left to Java Sound");
        assertNull(catalogue.findOutput(null));

        AudioDeviceException input = assertThrows(AudioDeviceException.class,
                () -> catalogue.findInput("mic"));
        // A sound server that is installed but down is named before the alternatives.
        assertTrue(input.getMessage().startsWith("no audio input device found on this machine; ")
                && input.getMessage().endsWith("use --input tone or --input file:PATH"), input.getMessage());
        AudioDeviceException output = assertThrows(AudioDeviceException.class,
                () -> catalogue.findOutput("0"));
        // A sound server that is installed but down is named before the alternatives.
        assertTrue(output.getMessage().startsWith("no audio output device found on this machine; ")
                && output.getMessage().endsWith("use --output file:PATH or --output null"), output.getMessage());
    }

    @Test
    void listsTheVirtualCardAsDefaultForBothDirections() {
        VirtualSoundCard.enable();

        List<AudioDevice> devices = catalogue.devices();

        assertEquals(List.of(new AudioDevice(0, VirtualMixer.NAME,
                "real-time virtual sound card for tests", VirtualMixer.MAX_CHANNELS,
                VirtualMixer.MAX_CHANNELS, true, true)), devices);
        assertEquals("* 0 Intercom Virtual Sound Card, real-time virtual sound card for tests"
                + " (8 in, 8 out)\n", catalogue.formatTable(devices));
    }

    @Test
    void findsTheVirtualCardByIndexAndByNameFragment() {
        VirtualSoundCard.enable();
        Mixer.Info card = VirtualSoundCard.mixerInfo();

        assertSame(card, catalogue.findInput("0"));
        assertSame(card, catalogue.findOutput(" 0 "));
        assertSame(card, catalogue.findInput("virtual"));
        assertSame(card, catalogue.findOutput("SOUND CARD"));
        assertNull(catalogue.findInput("Default"));
    }

    @Test
    void rejectsAnUnknownNameOrIndexListingTheDevices() {
        VirtualSoundCard.enable();

        AudioDeviceException name = assertThrows(AudioDeviceException.class,
                () -> catalogue.findInput("usb mic"));
        assertEquals("no audio input device matches 'usb mic'; input devices: 0 'Intercom"
                + " Virtual Sound Card' (8 in, 8 out) (run `intercom devices`), or use --input"
                + " tone or --input file:PATH", name.getMessage());
        AudioDeviceException index = assertThrows(AudioDeviceException.class,
                () -> catalogue.findOutput("3"));
        assertEquals("no audio output device has index 3; output devices: 0 'Intercom Virtual"
                + " Sound Card' (8 in, 8 out) (run `intercom devices`), or use --output"
                + " file:PATH or --output null", index.getMessage());
    }
}
