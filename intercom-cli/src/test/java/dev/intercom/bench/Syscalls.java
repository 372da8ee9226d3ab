package dev.intercom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * System calls per block of a running process, counted by {@code strace -f -c} attached for a few
 * seconds. Tracing slows every call it sees, so this runs after the CPU windows, never inside
 * one; the counts stay true, the timing does not.
 */
final class Syscalls {

    private Syscalls() {
    }

    /** @return e.g. "9.0 per block (futex 4.0, sendto 1.0, ...)", or why there is no figure */
    static String perBlock(long pid, int seconds, double blocksPerSecond) {
        try {
            Path table = Files.createTempFile("strace", ".txt");
            Process strace = new ProcessBuilder("strace", "-f", "-c", "-p", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(table.toFile()).start();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            strace.destroy(); // SIGTERM: strace detaches and prints its table
            strace.waitFor(5, TimeUnit.SECONDS);
            String out = Files.readString(table, StandardCharsets.UTF_8);
            Files.delete(table);
            return summarise(out, seconds * blocksPerSecond);
        } catch (IOException e) {
            return "no strace (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String summarise(String table, double blocks) {
        long total = -1;
        List<String> top = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !Character.isDigit(f[0].charAt(0))) {
                continue;
            }
            String name = f[f.length - 1];
            long calls = Long.parseLong(f[3]);
            if (name.equals("total")) {
                total = calls;
            } else if (top.size() < 5) {
                top.add(String.format(Locale.ROOT, "%s %.2f", name, calls / blocks));
            }
        }
        if (total < 0) {
            return "strace printed no table: " + table.strip().replace('\n', ' ');
        }
        return String.format(Locale.ROOT, "%.2f per block (%s)", total / blocks, String.join(", ", top));
    }
}
