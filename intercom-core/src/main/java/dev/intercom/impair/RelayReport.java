package dev.intercom.impair;

import java.util.Locale;

/** Turns the relay's counts into the lines it prints: one per interval, and the summary. */
public final class RelayReport {

    private RelayReport() {
    }

    /**
     * @param elapsedSeconds time since the relay started
     * @param aToB           what A to B did over the interval
     * @param bToA           what B to A did over the interval
     * @return e.g. {@code 3.0 s  a->b 375 fwd, 8 lost, 0 queue-drop, 3 reord, 2 dup, delay 40.1/71.3 ms  |  b->a ...}
     */
    public static String intervalLine(double elapsedSeconds, DirectionCounts aToB, DirectionCounts bToA) {
        return String.format(Locale.ROOT, "%.1f s  a->b %s  |  b->a %s", elapsedSeconds, brief(aToB), brief(bToA));
    }

    private static String brief(DirectionCounts c) {
        return String.format(Locale.ROOT, "%d fwd, %d lost, %d queue-drop, %d reord, %d dup, delay %.1f/%.1f ms",
                c.forwarded(), c.lost(), c.queueDrops(), c.reordered(), c.duplicated(), c.meanDelayMs(), c.maxDelayMs());
    }

    /**
     * @param snapshot       the final counts
     * @param elapsedSeconds how long the relay ran
     * @param seed           the seed, to repeat the run
     * @param a              peer A (the first sender) as text, or a note that none came
     * @param b              peer B (the {@code --forward} address) as text
     * @return the summary, several lines
     */
    public static String summary(RelayStats.Snapshot snapshot, double elapsedSeconds, long seed, String a, String b) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "impair summary: %.1f s, seed %d, A = %s, B = %s%n", elapsedSeconds, seed, a, b));
        s.append("  a->b ").append(full(snapshot.aToB())).append(System.lineSeparator());
        s.append("  b->a ").append(full(snapshot.bToA())).append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "  not relayed: %d from strangers, %d from B before A was known; %d socket errors",
                snapshot.foreign(), snapshot.early(), snapshot.socketErrors()));
        return s.toString();
    }

    private static String full(DirectionCounts c) {
        return String.format(Locale.ROOT, "received %d, forwarded %d, lost %d (%.2f%%, %d bursts, mean %.2f), "
                        + "queue drops %d, reordered %d, duplicated %d, unsent at the end %d, "
                        + "added delay mean %.1f ms, max %.1f ms",
                c.received(), c.forwarded(), c.lost(), c.lossPercent(), c.bursts(), c.meanBurst(), c.queueDrops(),
                c.reordered(), c.duplicated(), c.inFlight(), c.meanDelayMs(), c.maxDelayMs());
    }
}
