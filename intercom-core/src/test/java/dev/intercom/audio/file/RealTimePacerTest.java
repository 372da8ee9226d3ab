package dev.intercom.audio.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.intercom.time.NanoClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RealTimePacerTest {

    @Test
    void tickOffsetsAreExactForFractionalPeriods() {
        // 441 frames at 48 kHz is 9.1875 ms: a nanosecond-rounded period would drift.
        RealTimePacer pacer = new RealTimePacer(new FakeClock(), 48_000, 441);
        assertEquals(9_187_500, pacer.tickOffsetNanos(1));
        assertEquals(9_187_500_000_000L, pacer.tickOffsetNanos(1_000_000)); // no drift after 2.5 h
        // 512 frames at 44.1 kHz: tick 44100 is exactly 512 s, whatever the rounding per tick.
        RealTimePacer cd = new RealTimePacer(new FakeClock(), 44_100, 512);
        assertEquals(512_000_000_000L, cd.tickOffsetNanos(44_100));
        assertEquals(11_609_977, cd.tickOffsetNanos(1)); // 11.6099773... ms, rounded down
    }

    @Test
    void tickOffsetsDoNotOverflowForYears() {
        RealTimePacer pacer = new RealTimePacer(new FakeClock(), 48_000, 480);
        long tenYearsOfTicks = 10L * 365 * 24 * 3600 * 100;
        assertEquals(tenYearsOfTicks * 10_000_000L, pacer.tickOffsetNanos(tenYearsOfTicks));
    }

    @Test
    void periodConstructorUsesNanoseconds() {
        RealTimePacer pacer = new RealTimePacer(new FakeClock(), 2_500_000L);
        assertEquals(25_000_000L, pacer.tickOffsetNanos(10));
    }

    @Test
    void awaitTickReturnsLatenessOnceTheTickHasPassed() {
        FakeClock clock = new FakeClock();
        RealTimePacer pacer = new RealTimePacer(clock, 10_000_000L);
        pacer.start();
        assertEquals(clock.peek(), pacer.startNanos());
        clock.advance(35_000_000L);
        assertEquals(5_000_000L, pacer.awaitTick(3));
        assertEquals(35_000_000L, pacer.awaitTick(0));
    }

    @Test
    void steppingClockLetsTheWaitEndWithoutRealWaiting() {
        // Each reading moves the clock one period on, so every tick is reached on its first look.
        RealTimePacer pacer = new RealTimePacer(new FakeClock(10_000_000L), 10_000_000L);
        pacer.start();
        for (int tick = 1; tick <= 1000; tick++) {
            assertEquals(0, pacer.awaitTick(tick));
        }
    }

    @Test
    void onlyTheFirstStartCounts() {
        FakeClock clock = new FakeClock();
        RealTimePacer pacer = new RealTimePacer(clock, 1000L);
        pacer.start();
        long first = pacer.startNanos();
        clock.advance(5000);
        pacer.start();
        assertEquals(first, pacer.startNanos());
    }

    @Test
    void waitingBeforeStartIsAnError() {
        RealTimePacer pacer = new RealTimePacer(new FakeClock(), 1000L);
        assertThrows(IllegalStateException.class, () -> pacer.awaitTick(0));
    }

    @Test
    void stopWakesAThreadParkedOnAFarTick() throws Exception {
        RealTimePacer pacer = new RealTimePacer(NanoClock.SYSTEM, 1_000_000_000L);
        pacer.start();
        CompletableFuture<Long> result = CompletableFuture.supplyAsync(() -> pacer.awaitTick(3600));
        Thread.sleep(50); // let it park; the outcome is the same if it has not yet
        pacer.stop();
        assertEquals(RealTimePacer.STOPPED, result.get(5, TimeUnit.SECONDS));
        assertTrue(pacer.isStopped());
        assertEquals(RealTimePacer.STOPPED, pacer.awaitTick(0), "stays stopped");
    }

    @Test
    void interruptEndsTheWaitAndKeepsTheFlag() throws Exception {
        RealTimePacer pacer = new RealTimePacer(NanoClock.SYSTEM, 1_000_000_000L);
        pacer.start();
        long[] result = new long[1];
        boolean[] flag = new boolean[1];
        Thread t = new Thread(() -> {
            result[0] = pacer.awaitTick(3600);
            flag[0] = Thread.currentThread().isInterrupted();
        });
        t.start();
        Thread.sleep(50);
        t.interrupt();
        t.join(5000);
        assertFalse(t.isAlive());
        assertEquals(RealTimePacer.STOPPED, result[0]);
        assertTrue(flag[0]);
        assertFalse(pacer.isStopped(), "an interrupt stops one wait, not the pacer");
    }

    @Test
    void realClockWaitsUntilTheTick() {
        RealTimePacer pacer = new RealTimePacer(NanoClock.SYSTEM, 48_000, 480);
        pacer.start();
        long late = pacer.awaitTick(5);
        long elapsed = System.nanoTime() - pacer.startNanos();
        assertTrue(late >= 0);
        assertTrue(elapsed >= 50_000_000L, "woke after " + elapsed + " ns, before the 50 ms tick");
    }

    @Test
    void shortTicksOnTheRealClockAreNeverEarly() {
        // Block 64 at 48 kHz: the waits short enough to be slept in one clock_nanosleep.
        RealTimePacer pacer = new RealTimePacer(NanoClock.SYSTEM, 48_000, 64);
        pacer.start();
        for (int tick = 1; tick <= 60; tick++) {
            long late = pacer.awaitTick(tick);
            long elapsed = System.nanoTime() - pacer.startNanos();
            assertTrue(late >= 0, "tick " + tick + " late " + late);
            assertTrue(elapsed >= pacer.tickOffsetNanos(tick), "tick " + tick + " ended early, at " + elapsed + " ns");
        }
    }

    @Test
    void stopEndsAShortWaitWithinItsSleep() throws Exception {
        RealTimePacer pacer = new RealTimePacer(NanoClock.SYSTEM, 8_000_000L); // 8 ms: one uninterruptible sleep
        pacer.start();
        CompletableFuture<Long> result = CompletableFuture.supplyAsync(() -> {
            long tick = 1;
            while (pacer.awaitTick(tick) != RealTimePacer.STOPPED) {
                tick++;
            }
            return tick;
        });
        Thread.sleep(30);
        pacer.stop();
        // The sleep in progress ends on its own within 8 ms; seconds of margin for a busy machine.
        long stoppedAt = result.get(5, TimeUnit.SECONDS);
        assertTrue(stoppedAt >= 1);
        assertTrue(pacer.isStopped());
    }
}
