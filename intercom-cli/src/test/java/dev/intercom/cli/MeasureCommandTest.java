package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code intercom measure} and {@code intercom reflect} as a user types them: two commands on
 * loopback UDP, the measurement's lines, its CSV, and the one-line errors.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MeasureCommandTest {

    @TempDir
    Path dir;

    /** With {@code --peer}, or with only {@code --listen}: then reflect answers whoever sends. */
    @ParameterizedTest(name = "reflect given --peer: {0}")
    @ValueSource(booleans = {true, false})
    void measureAgainstReflectPrintsEachRoundTripTheSummaryTheSplitAndTheCsv(boolean reflectKnowsThePeer)
            throws Exception {
        int measurePort = FreePorts.udp();
        int reflectPort = FreePorts.udp();
        Path csv = dir.resolve("rtt.csv");
        List<String> reflectArgs = new java.util.ArrayList<>(List.of("reflect", "--listen", "127.0.0.1:" + reflectPort,
                "--duration", "7", "--stats-interval", "0"));
        if (reflectKnowsThePeer) {
            reflectArgs.addAll(List.of("--peer", "127.0.0.1:" + measurePort));
        }
        CompletableFuture<CliRun> reflect = CompletableFuture.supplyAsync(() -> CliRun.of(
                reflectArgs.toArray(String[]::new)));
        CliRun measure = CliRun.of("measure", "--peer", "127.0.0.1:" + reflectPort, "--listen",
                "127.0.0.1:" + measurePort, "--count", "4", "--stats-file", csv.toString());
        CliRun reflected = reflect.get(30, TimeUnit.SECONDS);
        assertEquals(0, measure.exitCode(), measure.err());
        assertEquals(0, reflected.exitCode(), reflected.err());
        Matcher summary = Pattern.compile("(?m)^round trip: min ([\\d.]+) / median ([\\d.]+) / p95 ([\\d.]+) / max "
                + "([\\d.]+) ms \\(median (\\d+) frames at 48000 Hz\\) over (\\d) of 4 bursts$").matcher(measure.out());
        assertTrue(summary.find(), measure.out());
        double median = Double.parseDouble(summary.group(2));
        // The capture block at each end and the loop block, plus two jitter buffers that on a quiet
        // loopback wait only for their poll's phase: more than 3 blocks of 2.67 ms (4 measured).
        assertTrue(median > 8 && median < 300, measure.out());
        assertTrue(measure.out().contains("measurement 1: round trip "), measure.out());
        assertTrue(measure.out().contains("split: network "), measure.out());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(5, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("n,round_trip_ms"), rows.get(0));
        assertTrue(rows.stream().skip(1).anyMatch(r -> r.matches("\\d,[\\d.]+,\\d+,[\\d.]+,1")), rows.toString());
    }

    @Test
    void withNothingComingBackItSaysSoInOneLineAndFails() {
        CliRun run = CliRun.of("measure", "--local", "--input", "silence", "--output", "null", "--count", "2");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("intercom: no echo: none of the 2 bursts came back"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.out().contains("measurement 2: no echo"), run.out());
    }

    @Test
    void badFlagsAreOneLineAndExitTwo() {
        for (String[] args : new String[][] {
            {"measure"},
            {"measure", "--local", "--peer", "127.0.0.1:5004"},
            {"measure", "--local", "--level", "3"},
            {"measure", "--local", "--count", "0"},
            {"measure", "--peer", "127.0.0.1:5004", "--input", "tone"},
            {"reflect", "--listen", "0", "--dtls"},
            {"reflect", "--peer", "127.0.0.1:5004", "--input", "tone"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
        }
    }
}
