package dev.intercom.audio.javasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The gaps between block reads that mean the capture thread fell behind, and those that do not. */
class CaptureLagTest {

    private static final long MS = 1_000_000L;

    @Test
    void blocksThatComeEvenlyOrAPeriodAtATimeAreNeverBehind() {
        CaptureLag lag = new CaptureLag(4 * MS);
        long now = 0;
        // Three blocks of 1.33 ms at once, every 4 ms: a sound server's period at block 64.
        for (int period = 0; period < 3000; period++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(0, lag.behindNanos(now + i * 10_000), "period " + period);
            }
            now += 4 * MS;
        }
    }

    @Test
    void aGapTwentyMillisecondsBeyondTheLongestNormalOneIsBehind() {
        CaptureLag lag = new CaptureLag(4 * MS);
        long now = 0;
        for (int i = 0; i < 100; i++) {
            now += 4 * MS;
            lag.behindNanos(now);
        }
        assertEquals(0, lag.behindNanos(now + 23 * MS), "a wake-up 19 ms late is within the margin");
        now += 23 * MS;
        assertEquals(60 * MS - 23 * MS, lag.behindNanos(now + 60 * MS), "a 60 ms stall, beyond the longest normal gap");
        now += 60 * MS;
        lag.caughtUp(now + MS);
        assertEquals(0, lag.behindNanos(now + 5 * MS), "after catching up the gaps count from there");
        assertEquals(23 * MS, lag.normalGapNanos(), "the stall was not learned as normal; the late wake-up was");
    }

    @Test
    void aDeviceThatDeliversInLongQuantaTeachesItsOwnNormal() {
        // PipeWire at a quantum of 1024 frames: 21 ms between deliveries, although the line's period is 4 ms.
        CaptureLag lag = new CaptureLag(4 * MS);
        long now = 0;
        int behind = 0;
        for (int i = 0; i < 500; i++) {
            now += 21 * MS;
            behind += lag.behindNanos(now) > 0 ? 1 : 0;
        }
        assertEquals(0, behind);
        assertNotEquals(0, lag.behindNanos(now + 60 * MS), "and a stall beyond it still shows");
    }

    @Test
    void aLongNormalGapIsForgottenAfterSomeSeconds() {
        CaptureLag lag = new CaptureLag(4 * MS);
        long now = 0;
        lag.behindNanos(now);
        now += 20 * MS;
        lag.behindNanos(now); // one slow wake-up, not behind
        for (int i = 0; i < 1500; i++) { // 6 s of even blocks
            now += 4 * MS;
            lag.behindNanos(now);
        }
        assertEquals(4 * MS, lag.normalGapNanos());
        assertNotEquals(0, lag.behindNanos(now + 30 * MS), "30 ms is behind again once 20 ms is forgotten");
    }
}
