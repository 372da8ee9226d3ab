package dev.intercom.session;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bytes the session's threads have allocated so far ({@code ThreadMXBean.getThreadAllocatedBytes}), by thread name. */
final class ThreadAllocations {

    /**
     * The threads that work on every packet: capture and playout, or the one audio thread that
     * does both when the devices keep one clock; the receive thread.
     */
    static final String[] PER_PACKET_THREADS = {"intercom-capture", "intercom-playout", "intercom-audio", "intercom-net"};

    private ThreadAllocations() {
    }

    /** @return bytes allocated so far by the threads whose names start with one of {@code names}, summed per name */
    static Map<String, Long> of(String... names) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String name : names) {
                if (t.getName().startsWith(name)) {
                    bytes.merge(name, threads.getThreadAllocatedBytes(t.getId()), Long::sum);
                }
            }
        }
        return bytes;
    }
}
