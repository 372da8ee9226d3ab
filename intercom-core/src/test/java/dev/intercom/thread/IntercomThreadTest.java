package dev.intercom.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class IntercomThreadTest {

    @Test
    void everyKindHasItsOwnName() {
        long distinct = Arrays.stream(IntercomThread.values()).map(IntercomThread::threadName).distinct().count();
        assertEquals(IntercomThread.values().length, distinct);
    }

    @Test
    void theReceiveAndAudioThreadsAreUrgentDaemons() {
        for (IntercomThread kind : new IntercomThread[] {IntercomThread.NET, IntercomThread.AUDIO,
                IntercomThread.CAPTURE, IntercomThread.PLAYOUT}) {
            Thread t = kind.newThread(() -> { });
            assertTrue(t.isDaemon(), kind.name());
            assertEquals(Thread.MAX_PRIORITY, t.getPriority(), kind.name());
            assertEquals(kind.threadName(), t.getName());
        }
    }

    @Test
    void shutdownHooksAreNotDaemonsAndTimersKeepTheNormalPriority() {
        assertFalse(IntercomThread.SHUTDOWN.newThread(() -> { }).isDaemon());
        ThreadFactory timers = IntercomThread.TIMERS.factory();
        Thread t = timers.newThread(() -> { });
        assertTrue(t.isDaemon());
        assertEquals(Thread.NORM_PRIORITY, t.getPriority());
        assertEquals("intercom-timers", t.getName());
    }
}
