package dev.intercom.stats;

import java.lang.management.ManagementFactory;

/** The CPU time this process has used, where the JVM can tell. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** @return nanoseconds of CPU used by the process so far, or -1 if the JVM cannot tell */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
