package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.stats.StatsRow;
import dev.intercom.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender that is stopped for 1.5 s (SIGSTOP, as a debugger or a suspended laptop would) and
 * then sends its backlog: the receiver's buffer is back at its target within 2 s, and its
 * clock-skew estimate never believes the stall was a clock (both peers run on this machine's
 * clock, so the truth is 0 ppm).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StalledSenderTest {

    private static final double STALL_SECONDS = 1.5;

    @TempDir
    Path dir;

    @Test
    void aSenderStoppedForOneAndAHalfSecondsCostsTheReceiverNoLastingDelayAndNoFalseSkew() throws Exception {
        int portA = FreePorts.udp();
        int portB = FreePorts.udp();
        Path csv = dir.resolve("b.csv");
        Process receiver = new ProcessBuilder(IntercomJvm.command("--listen", "127.0.0.1:" + portB,
                "--peer", "127.0.0.1:" + portA, "--input", "silence", "--output", "null", "--jitter", "20",
                "--duration", "20", "--stats-interval", "0.1", "--stats-file", csv.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("b.log").toFile()).start();
        Process sender = new ProcessBuilder(IntercomJvm.command("--listen", "127.0.0.1:" + portA,
                "--peer", "127.0.0.1:" + portB, "--input", "tone:1000", "--output", "null", "--jitter", "20",
                "--duration", "19", "--stats-interval", "0"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("a.log").toFile()).start();
        try {
            Thread.sleep(7_000);
            signal("STOP", sender);
            Thread.sleep((long) (STALL_SECONDS * 1000));
            signal("CONT", sender);
            assertTrue(receiver.waitFor(60, TimeUnit.SECONDS), "the receiver ends on its own");
            assertTrue(sender.waitFor(30, TimeUnit.SECONDS), "the sender ends on its own");
        } finally {
            sender.destroyForcibly();
            receiver.destroyForcibly();
        }

        List<String[]> rows = Files.readAllLines(csv).stream().skip(1).map(line -> line.split(",", -1)).toList();
        int time = StatsRow.COLUMNS.indexOf("time_s");
        int underruns = StatsRow.COLUMNS.indexOf("underruns");
        int buffer = StatsRow.COLUMNS.indexOf("buffer_ms");
        int target = StatsRow.COLUMNS.indexOf("target_ms");
        int skew = StatsRow.COLUMNS.indexOf("skew_ppm");
        String log = Files.readString(dir.resolve("b.log"));
        // The stall shows as the receiver's buffer running dry (after its start-up); it ends 1.5 s later.
        long underrunsBefore = rows.stream().filter(r -> Double.parseDouble(r[time]) < 4)
                .mapToLong(r -> Long.parseLong(r[underruns])).max().orElse(0);
        double stallStart = rows.stream().filter(r -> Double.parseDouble(r[time]) >= 4
                && Long.parseLong(r[underruns]) > underrunsBefore).mapToDouble(r -> Double.parseDouble(r[time]))
                .findFirst().orElseThrow(() -> new AssertionError("no underrun: the stall was not seen\n" + log));
        double stallEnd = stallStart + STALL_SECONDS;
        for (String[] r : rows) {
            double t = Double.parseDouble(r[time]);
            if (t >= stallEnd + 2 && t < stallEnd + 8 && !r[buffer].isEmpty()) {
                double off = Double.parseDouble(r[buffer]) - Double.parseDouble(r[target]);
                assertTrue(Math.abs(off) < 10, "buffer_ms within 10 ms of its target 2 s after the stall, at " + t
                        + " s: " + String.join(",", r) + "\n" + log);
            }
            if (!r[skew].isEmpty()) {
                assertTrue(Math.abs(Double.parseDouble(r[skew])) <= 50, "skew_ppm within 50 ppm of 0 at " + t
                        + " s: " + r[skew] + "\n" + log);
            }
        }
        assertTrue(rows.stream().anyMatch(r -> !r[skew].isEmpty()), "the skew was measured\n" + log);
    }

    private static void signal(String name, Process process) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }
}
