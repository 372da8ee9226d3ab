package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.audio.javasound.virtual.VirtualSoundCard;
import dev.intercom.testing.FreePorts;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line on a machine with a sound card: the virtual one, found through Java Sound's SPI. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirtualSoundCardCliTest {

    @BeforeEach
    void plugIn() {
        VirtualSoundCard.enable();
        VirtualSoundCard.setCaptureSine(440, 0.5);
    }

    @AfterEach
    void unplug() {
        VirtualSoundCard.disable();
    }

    @Test
    void devicesListsTheCardWithItsChannelsAndDefaults() {
        CliRun run = CliRun.of("devices");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Intercom Virtual Sound Card"), run.out());
        assertTrue(run.out().contains("in,") && run.out().contains("out)"), run.out());
    }

    @Test
    void aPeerOnTheDefaultDevicesHearsItself() {
        int port = FreePorts.udp();
        CliRun run = CliRun.of("--peer", "127.0.0.1:" + port, "--listen", "127.0.0.1:" + port,
                "--duration", "1", "--stats-interval", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("concealed blocks"), run.out());
        assertTrue(VirtualSoundCard.playedFrames() > 40_000, "played " + VirtualSoundCard.playedFrames());
    }

    @Test
    void anUnknownDeviceNameListsTheDevicesThatExist() {
        CliRun run = CliRun.of("--peer", "127.0.0.1:5004", "--listen", "0", "--input", "Focusrite");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("Focusrite") && run.err().contains("Intercom Virtual Sound Card"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
