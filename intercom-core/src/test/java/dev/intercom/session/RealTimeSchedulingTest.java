package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RealTimeSchedulingTest {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;

    /**
     * A real-time audio thread's own children (the threads that log, anything a library starts
     * from it) must not compete with it, or with the normal threads it depends on, at real-time
     * priority.
     */
    @Test
    void threadsThatAnAudioThreadStartsRunAtNormalPriority() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        AtomicInteger parentPolicy = new AtomicInteger(-1);
        AtomicInteger childPolicy = new AtomicInteger(-1);
        Thread parent = new Thread(() -> {
            RealTimeScheduling.requestForCurrentThread();
            parentPolicy.set(policyOfThisThread());
            Thread child = new Thread(() -> childPolicy.set(policyOfThisThread()));
            child.start();
            try {
                child.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        parent.start();
        parent.join(10_000);
        assumeTrue(parentPolicy.get() == SCHED_FIFO, "real-time scheduling is not allowed here");
        assertEquals(SCHED_OTHER, childPolicy.get(), "the child of a SCHED_FIFO audio thread");
    }

    /** @return the scheduling policy of the calling thread, field 41 of its stat */
    private static int policyOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // The name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(fields[41 - 3]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
