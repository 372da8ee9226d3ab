package dev.intercom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes each thread of another JVM has allocated so far, as {@code jcmd PID Thread.print -e}
 * reports them ({@code allocated=}: the figure of {@code ThreadMXBean.getThreadAllocatedBytes};
 * exact below 100 kB, in whole kB above). Reading it attaches to the JVM once per sample,
 * which costs the measured process an attach thread (not one of the threads we count) and this
 * machine a short-lived jcmd process.
 */
final class Allocations {

    private static final Pattern THREAD = Pattern.compile("^\"([^\"]*)\".*\\ballocated=(\\d+)([BKMG])");

    private Allocations() {
    }

    /** @return bytes allocated so far per thread name (threads of one name summed); empty if jcmd failed */
    static Map<String, Long> of(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Map<String, Long> bytes = new HashMap<>();
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print", "-e")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Map.of();
            }
            for (String line : out.split("\n")) {
                Matcher m = THREAD.matcher(line);
                if (m.find()) {
                    bytes.merge(m.group(1), Long.parseLong(m.group(2)) * unit(m.group(3)), Long::sum);
                }
            }
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return bytes;
    }

    private static long unit(String u) {
        return switch (u) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            default -> 1;
        };
    }
}
