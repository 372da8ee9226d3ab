package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    /**
     * A device opened from a thread lends that moment's plain real-time priority to the library's
     * threads, then the thread gets back what it had: normal for the session's opening thread,
     * its own real-time scheduling for a playout thread that reopens its line (GrowingOutput);
     * and that thread's later children still start at normal priority.
     */
    @Test
    void openingADeviceGivesTheCallingThreadBackTheSchedulingItHad() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        AtomicInteger helperPolicy = new AtomicInteger(-1);
        AtomicInteger after = new AtomicInteger(-1);
        AtomicInteger laterChild = new AtomicInteger(-1);
        AtomicInteger normalAfter = new AtomicInteger(-1);
        Thread audio = new Thread(() -> {
            RealTimeScheduling.requestForCurrentThread();
            RealTimeScheduling.openWithRealTimeHelpers(() -> {
                // what a device library's thread started now gets
                Thread helper = new Thread(() -> helperPolicy.set(policyOfThisThread()));
                helper.start();
                join(helper);
                return null;
            });
            after.set(policyOfThisThread());
            Thread child = new Thread(() -> laterChild.set(policyOfThisThread()));
            child.start();
            join(child);
        });
        audio.start();
        audio.join(10_000);
        Thread opener = new Thread(() -> {
            RealTimeScheduling.openWithRealTimeHelpers(() -> null);
            normalAfter.set(policyOfThisThread());
        });
        opener.start();
        opener.join(10_000);
        assumeTrue(helperPolicy.get() == SCHED_FIFO, "real-time scheduling is not allowed here");
        assertEquals(SCHED_FIFO, after.get(), "the audio thread is real-time again");
        assertEquals(SCHED_OTHER, laterChild.get(), "and its children start at normal priority");
        assertEquals(SCHED_OTHER, normalAfter.get(), "a normal thread is normal again");
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /**
     * Whether it was granted is logged off the audio thread, by a thread a dump names (not a
     * "Thread-0" of the common pool's, as before).
     */
    @Test
    void theOutcomeIsLoggedByANamedThreadOffTheAudioThread() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(RealTimeScheduling.class);
        LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().startsWith("audio-under-test:")) {
                    threads.add(event.getThreadName());
                }
            }
        };
        appender.start();
        logger.addAppender(appender);
        try {
            Thread audio = new Thread(RealTimeScheduling::requestForCurrentThread, "audio-under-test");
            audio.start();
            audio.join(10_000);
            assertEquals("intercom-log", threads.poll(10, TimeUnit.SECONDS));
        } finally {
            logger.detachAppender(appender);
        }
    }
}
