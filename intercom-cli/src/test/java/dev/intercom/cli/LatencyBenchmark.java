package dev.intercom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.intercom.audio.file.WavFiles;
import dev.intercom.stats.StatsRow;
import dev.intercom.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures mouth-to-ear latency the way a user would: a peer talking to itself on loopback
 * ({@code --block 64 --jitter 3}, file in, file out) plays a WAV with a click every 250 ms, and
 * the offset of each click between the input and the recorded output is the latency. Prints
 * the measured figures next to the ideal, the bound the foundation issue sets (ideal + one
 * block + 1 ms), the stats' own e2e estimate, and the process CPU. Run with
 * {@code mvn verify -Dbenchmarks}.
 */
@Tag("benchmark")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LatencyBenchmark {

    private static final int RATE = 48_000;
    private static final int BLOCK = 64;
    private static final int CLICK_EVERY = RATE / 4;
    private static final int SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void clickLatencyOnLoopback() throws Exception {
        short[] clicks = new short[RATE * SECONDS];
        for (int at = CLICK_EVERY; at + 8 < clicks.length; at += CLICK_EVERY) {
            Arrays.fill(clicks, at, at + 8, (short) 30_000);
        }
        Path in = dir.resolve("clicks.wav");
        Path out = dir.resolve("heard.wav");
        Path csv = dir.resolve("stats.csv");
        WavFiles.write(in, RATE, 1, clicks);
        int port = FreePorts.udp();
        CliRun run = CliRun.of("--peer", "127.0.0.1:" + port, "--listen", "127.0.0.1:" + port,
                "--block", Integer.toString(BLOCK), "--jitter", "3", "--input", "file:" + in, "--output", "file:" + out,
                "--duration", Integer.toString(SECONDS + 1), "--stats-interval", "1", "--stats-file", csv.toString());
        assertEquals(0, run.exitCode(), run.err());

        short[] heard = WavFiles.readSamples(out);
        List<Double> latencies = new ArrayList<>();
        int searchFrom = 0;
        for (int at = CLICK_EVERY; at + 8 < clicks.length; at += CLICK_EVERY) {
            int found = firstAbove(heard, Math.max(searchFrom, at), 20_000);
            if (found < 0 || found - at > RATE / 10) {
                continue; // this click fell into a concealed block
            }
            latencies.add((found - at) * 1000.0 / RATE);
            searchFrom = found + 8;
        }
        System.out.println("LATENCY each click (ms, in order): " + latencies.stream()
                .map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(java.util.stream.Collectors.joining(" ")));
        latencies.sort(null);
        double blockMs = BLOCK * 1000.0 / RATE;
        double ideal = blockMs + 2 * blockMs; // --jitter 3 rounds to 2 blocks of 64 frames
        List<String> rows = Files.readAllLines(csv);
        int e2e = StatsRow.COLUMNS.indexOf("e2e_latency_ms");
        int cpu = StatsRow.COLUMNS.indexOf("cpu_pct");
        double[] estimates = rows.stream().skip(3).map(r -> r.split(",", -1)[e2e]).filter(v -> !v.isEmpty())
                .mapToDouble(Double::parseDouble).toArray();
        double[] cpus = rows.stream().skip(3).map(r -> r.split(",", -1)[cpu]).filter(v -> !v.isEmpty())
                .mapToDouble(Double::parseDouble).toArray();
        System.out.printf(Locale.ROOT, "LATENCY block=%d jitter=3ms: clicks measured %d; measured ms min %.3f median %.3f "
                        + "max %.3f; ideal %.3f; bound (ideal + block + 1 ms) %.3f; stats e2e estimate mean %.3f; "
                        + "one peer's CPU (send + receive) mean %.1f%% of one core%n",
                BLOCK, latencies.size(), latencies.get(0), latencies.get(latencies.size() / 2),
                latencies.get(latencies.size() - 1), ideal, ideal + blockMs + 1,
                Arrays.stream(estimates).average().orElse(Double.NaN), Arrays.stream(cpus).average().orElse(Double.NaN));
        System.out.println(run.out().strip());
    }

    private static int firstAbove(short[] samples, int from, int threshold) {
        for (int i = from; i < samples.length; i++) {
            if (samples[i] >= threshold) {
                return i;
            }
        }
        return -1;
    }
}
