package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** A party line from the command line: repeated --peer, a comma list in --config, the per-peer statistics. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartyLineCliTest {

    @TempDir
    Path dir;

    @Test
    void repeatedPeersGetARowEachAndTheSummaryListsThemWithTheDeadOneSilent() throws Exception {
        int port = FreePorts.udp();
        int nobody = FreePorts.udp();
        Path csv = dir.resolve("stats.csv");
        // Ourselves (self-talk) and a peer that never runs.
        CliRun run = CliRun.of("--peer", "localhost:" + port, "--peer", "127.0.0.1:" + nobody, "--listen",
                "127.0.0.1:" + port, "--input", "tone:440", "--output", "null", "--duration", "3",
                "--stats-interval", "0.5", "--stats-file", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("peer 127.0.0.1:" + port + ": received"), run.out());
        assertTrue(run.out().contains("peer 127.0.0.1:" + nobody + " (silent): received 0"), run.out());

        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", StatsRow.COLUMNS) + "," + String.join(",", StatsRow.PEER_COLUMNS), lines.get(0));
        int peer = StatsRow.COLUMNS.size();
        String[] self = lines.get(lines.size() - 2).split(",", -1);
        String[] dead = lines.get(lines.size() - 1).split(",", -1);
        assertEquals(self[0], dead[0], "one row per peer per interval, at the same time");
        assertEquals("127.0.0.1:" + port, self[peer]);
        assertEquals("0", self[peer + 1], "we hear ourselves");
        assertTrue(Double.parseDouble(self[peer + 3]) > -20, "our tone's level as received: " + self[peer + 3]);
        assertEquals("127.0.0.1:" + nobody, dead[peer]);
        assertEquals("1", dead[peer + 1], "the peer that never ran is silent");
        assertTrue(Long.parseLong(self[StatsRow.COLUMNS.indexOf("sent_packets")]) > 2 * 900,
                "every block went to both peers: " + self[1]);
        // The plot draws the first peer's rows of a party line's CSV.
        CliRun plot = CliRun.of("plot", csv.toString(), "-o", dir.resolve("party.png").toString());
        assertEquals(0, plot.exitCode(), plot.err());
        assertTrue(Files.size(dir.resolve("party.png")) > 1_000);
    }

    @Test
    void aConfigFileGivesThePeersAsACommaList() throws Exception {
        int port = FreePorts.udp();
        int other = FreePorts.udp();
        Path config = dir.resolve("party.properties");
        Files.writeString(config, "peer=localhost:" + port + ", 127.0.0.1:" + other + "\n");
        CliRun run = CliRun.of("--config", config.toString(), "--listen", "127.0.0.1:" + port, "--input", "tone",
                "--output", "null", "--duration", "1", "--stats-interval", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("peer 127.0.0.1:" + other), run.out());
    }

    @Test
    void tooManyPeersOrTheSameOneTwiceIsOneLineAndExit2() {
        String[] nine = new String[18];
        for (int i = 0; i < 9; i++) {
            nine[2 * i] = "--peer";
            nine[2 * i + 1] = "127.0.0.1:" + (6000 + i);
        }
        CliRun many = CliRun.of(nine);
        assertEquals(2, many.exitCode(), many.err());
        assertTrue(many.err().contains("--peer") && many.err().contains("at most 8"), many.err());
        assertFalse(many.err().contains("Exception"), many.err());
        CliRun twice = CliRun.of("--peer", "127.0.0.1:6000", "--peer", "127.0.0.1:6000");
        assertEquals(2, twice.exitCode(), twice.err());
        assertTrue(twice.err().contains("given twice"), twice.err());
    }
}
