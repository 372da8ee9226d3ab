package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intercom.audio.file.WavFiles;
import dev.intercom.testing.Signals;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two peers as two users run them, in two network namespaces with a real Linux NAT between them
 * ({@link NatLab}): A, behind the NAT, is told B's address; B is told the router's public address
 * and port 5004, but the NAT rewrites A's source port, so B must latch onto the port A's packets
 * really come from before its own stream can get back through. Both hear each other.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NatTraversalTest {

    private static final int SECONDS = 6;

    @TempDir
    Path dir;

    @Test
    void twoPeersTalkThroughANatThatRewritesThePort() throws Exception {
        assumeTrue(ExternalProcess.available("ip") && ExternalProcess.available("iptables"),
                "needs iproute2 and iptables (.ci/run installs them)");
        NatLab lab;
        try {
            lab = NatLab.create();
        } catch (NatLab.LabUnavailable e) {
            assumeTrue(false, "this machine cannot build network namespaces with NAT: " + e.getMessage());
            return;
        }
        Path heardByA = dir.resolve("a.wav");
        Path heardByB = dir.resolve("b.wav");
        try (lab;
                ExternalProcess a = ExternalProcess.start(dir, "peer-a", lab.onA(intercom("--peer", NatLab.B + ":5004",
                        "--input", "tone:440", "--output", "file:" + heardByA)));
                ExternalProcess b = ExternalProcess.start(dir, "peer-b", lab.onB(intercom(
                        "--peer", NatLab.ROUTER_PUBLIC + ":5004", "--input", "tone:660", "--output", "file:" + heardByB)))) {
            assertTrue(a.waitFor(SECONDS + 30) && b.waitFor(SECONDS + 30), a.output() + "\n" + b.output());
            assertEquals(0, a.exitValue(), a.output());
            assertEquals(0, b.exitValue(), b.output());
            assertTrue(b.printed().contains("latched onto " + NatLab.ROUTER_PUBLIC + ":400"),
                    "B follows the port the NAT gave A: " + b.output());
            assertTone(660, heardByA, "A hears B once B has latched: " + a.output());
            assertTone(440, heardByB, "B hears A: " + b.output());
        }
    }

    /**
     * Two seconds of {@code wav} ending half a second before its end are a tone of {@code hz}
     * (the other peer, started at about the same time, may stop a little earlier).
     */
    private static void assertTone(double hz, Path wav, String message) throws Exception {
        short[] heard = WavFiles.readSamples(wav);
        int to = heard.length - 48_000 / 2;
        int from = to - 2 * 48_000;
        assertTrue(from > 0 && Signals.rms(heard, from, to) > 1000, message);
        assertEquals(hz, Signals.frequency(heard, from, to, 48_000), 5, message);
    }

    /** @return this build's intercom in a JVM of its own, on port 5004, for {@value #SECONDS} s, then {@code args} */
    private static List<String> intercom(String... args) {
        List<String> command = IntercomJvm.command("--listen", "5004", "--duration", Integer.toString(SECONDS),
                "--stats-interval", "1");
        command.addAll(List.of(args));
        return command;
    }
}
