package dev.intercom.stats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** How long ago this process was launched, for the start-up figures. */
public final class ProcessAge {

    /** Linux's USER_HZ, the unit of a process's start time in {@code /proc/self/stat}, is 100 on every architecture. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessAge() {
    }

    /**
     * @return milliseconds of CPU the whole process (all its threads: JIT, GC, class loading) has
     *     used so far, to 10 ms, or -1 where {@code /proc} cannot be read
     */
    public static long cpuMillis() {
        try {
            String[] fields = statFields();
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** @return the fields of {@code /proc/self/stat} after the command name: [0] is field 3, the state */
    private static String[] statFields() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // The command name in parentheses may hold spaces: count fields after its closing one.
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * @return milliseconds since the process was launched (exec'd, so a shell launcher's own start
     *     counts), to 10 ms, from the kernel's boot-relative clock ({@code /proc}); where that cannot
     *     be read, since the JVM started, which leaves out the few milliseconds before it
     */
    public static long millis() {
        try {
            long startTicks = Long.parseLong(statFields()[19]);
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.round(uptimeSeconds * 1000) - startTicks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        }
    }
}
