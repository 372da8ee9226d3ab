package dev.intercom.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One direction of the impaired link, in virtual time: what comes out, when, and in what order. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ImpairPipelineTest {

    private static final long MS = 1_000_000;
    private static final int BYTES = 268;

    /** A pipeline of numbered datagrams, delivered exactly when due as virtual time advances. */
    static final class Link {
        final DirectionStats stats = new DirectionStats();
        final ImpairmentPipeline<Integer> pipeline;
        final List<Integer> released = new ArrayList<>();
        final List<Integer> packets = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<Integer> outcomes = new ArrayList<>();
        final List<Long> arrivals = new ArrayList<>();

        Link(ImpairmentConfig config, long seed) {
            this(config, seed, 1 << 16);
        }

        Link(ImpairmentConfig config, long seed, int capacity) {
            pipeline = new ImpairmentPipeline<>(config, new SplittableRandom(seed), 0, capacity, Long.MAX_VALUE,
                    p -> p, released::add, stats);
        }

        void runTo(long t) {
            long due;
            while ((due = pipeline.nextDueNanos()) <= t) {
                Integer p;
                while ((p = pipeline.poll(due)) != null) {
                    packets.add(p);
                    times.add(due);
                }
            }
        }

        void offer(long t, int packet, int bytes) {
            runTo(t);
            arrivals.add(t);
            outcomes.add(pipeline.offer(t, packet, bytes));
        }

        /** Offers {@code count} datagrams {@code spacing} apart from time 0, then delivers all. */
        Link send(int count, long spacing, int bytes) {
            for (int i = 0; i < count; i++) {
                offer(i * spacing, i, bytes);
            }
            runTo(Long.MAX_VALUE - 1);
            return this;
        }

        long delayOf(int deliveryIndex) {
            return times.get(deliveryIndex) - arrivals.get(packets.get(deliveryIndex));
        }

        int inversions() {
            int n = 0;
            int highest = -1;
            for (int p : packets) {
                if (p < highest) {
                    n++;
                }
                highest = Math.max(highest, p);
            }
            return n;
        }
    }

    private static ImpairmentConfig config(UnaryOperator<ImpairmentConfig.Builder> settings) {
        return settings.apply(ImpairmentConfig.builder().seed(1L)).build();
    }

    @Test
    void withoutImpairmentsEveryDatagramPassesAtOnceInOrder() {
        Link link = new Link(config(b -> b), 1).send(1_000, MS, BYTES);
        assertEquals(1_000, link.packets.size());
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, link.packets.get(i));
            assertEquals(0, link.delayOf(i));
        }
        DirectionCounts c = link.stats.counts();
        assertEquals(new DirectionCounts(1_000, 1_000, 0, 0, 0, 0, 0, 0, 0), c);
    }

    @Test
    void aFixedDelayDelaysEveryDatagramByExactlyThat() {
        Link link = new Link(config(b -> b.delayMs(30)), 1).send(500, 2 * MS, BYTES);
        assertEquals(500, link.packets.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, link.packets.get(i));
            assertEquals(30 * MS, link.delayOf(i));
        }
        assertEquals(30.0, link.stats.counts().meanDelayMs(), 1e-9);
        assertEquals(30.0, link.stats.counts().maxDelayMs(), 1e-9);
    }

    @Test
    void theSameSeedGivesTheSameDecisionsWhateverTheTiming() {
        ImpairmentConfig c = config(b -> b.delayMs(20).jitterMs(10).lossPercent(5).burst(3).reorderPercent(2)
                .duplicatePercent(1).seed(7L));
        Link regular = new Link(c, 7);
        Link irregular = new Link(c, 7);
        SplittableRandom gaps = new SplittableRandom(99);
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            regular.offer(i * MS, i, BYTES);
            t += 100_000 + gaps.nextLong(5 * MS);
            irregular.offer(t, i, BYTES);
        }
        assertEquals(regular.outcomes, irregular.outcomes, "loss, hold and duplicate decisions depend on the seed and n only");
        assertTrue(regular.outcomes.contains(ImpairmentPipeline.LOST));
        assertTrue(regular.outcomes.stream().anyMatch(o -> (o & ImpairmentPipeline.HELD) != 0));
        assertTrue(regular.outcomes.stream().anyMatch(o -> (o & ImpairmentPipeline.DUPLICATED) != 0));

        Link again = new Link(c, 7).send(20_000, MS, BYTES);
        Link first = new Link(c, 7).send(20_000, MS, BYTES);
        assertEquals(first.packets, again.packets, "same seed, same timing: the same deliveries");
        assertEquals(first.times, again.times);

        Link otherSeed = new Link(c, 8).send(20_000, MS, BYTES);
        assertNotEquals(first.outcomes, otherSeed.outcomes);
    }

    @Test
    void lossIsBurstyWithTheAskedForRateAndBurstLength() {
        Link link = new Link(config(b -> b.lossPercent(2).burst(3)), 3).send(200_000, MS, BYTES);
        DirectionCounts c = link.stats.counts();
        assertEquals(2.0, c.lossPercent(), 0.25);
        assertEquals(3.0, c.meanBurst(), 0.25);
        assertEquals(c.received() - c.lost(), c.forwarded());
        assertEquals(c.lost(), link.released.size(), "every lost datagram is released");
    }

    @Test
    void jitterAddsItsMeanOnTopOfTheDelay() {
        Link uniform = new Link(config(b -> b.delayMs(30).jitterMs(10)), 4).send(100_000, MS, BYTES);
        assertEquals(40.0, uniform.stats.counts().meanDelayMs(), 0.2);
        assertTrue(uniform.stats.counts().maxDelayMs() <= 50.0);
        Link pareto = new Link(config(b -> b.delayMs(30).jitterMs(10).jitterDistribution("pareto")), 4)
                .send(100_000, MS, BYTES);
        assertEquals(40.0, pareto.stats.counts().meanDelayMs(), 0.6);
        assertTrue(pareto.stats.counts().maxDelayMs() <= 30 + 200.0);
        assertTrue(pareto.stats.counts().maxDelayMs() > 100, "a heavy tail");
    }

    @Test
    void aHeldDatagramIsOvertakenByExactlyTheNextOne() {
        Link link = new Link(config(b -> b.reorderPercent(5)), 5).send(100_000, MS, BYTES);
        DirectionCounts c = link.stats.counts();
        assertEquals(100_000, c.forwarded());
        // One held at a time: the rate held is r / (1 + r).
        assertEquals(100_000 * 0.05 / 1.05, c.reordered(), 100_000 * 0.05 / 1.05 * 0.06);
        assertEquals(c.reordered(), link.inversions());
        long held = link.outcomes.stream().filter(o -> (o & ImpairmentPipeline.HELD) != 0).count();
        boolean lastHeld = (link.outcomes.get(link.outcomes.size() - 1) & ImpairmentPipeline.HELD) != 0;
        assertEquals(held - (lastHeld ? 1 : 0), c.reordered(), "each held one with a successor arrives late, nothing else does");
        for (int i = 1; i < link.packets.size(); i++) {
            int previous = link.packets.get(i - 1);
            int current = link.packets.get(i);
            if (current < previous) {
                assertEquals(previous - 1, current, "swapped with its successor only, at " + i);
                assertEquals(link.times.get(i - 1), link.times.get(i), "right after it");
            }
        }
    }

    @Test
    void aHeldDatagramWithNoSuccessorLeavesAfterTheLongestHold() {
        Link link = new Link(config(b -> b.delayMs(10).reorderPercent(100)), 1);
        link.offer(0, 0, BYTES);
        assertEquals(ImpairmentPipeline.HELD, link.outcomes.get(0));
        assertEquals(10 * MS + ImpairmentPipeline.MAX_HOLD_NANOS, link.pipeline.nextDueNanos());
        assertNull(link.pipeline.poll(10 * MS + ImpairmentPipeline.MAX_HOLD_NANOS - 1));
        link.runTo(Long.MAX_VALUE - 1);
        assertEquals(List.of(0), link.packets);
        assertEquals(List.of(10 * MS + ImpairmentPipeline.MAX_HOLD_NANOS), link.times);
    }

    @Test
    void aDuplicateFollowsItsOriginalAtOnce() {
        Link link = new Link(config(b -> b.delayMs(5).duplicatePercent(1)), 6).send(100_000, MS, BYTES);
        DirectionCounts c = link.stats.counts();
        assertEquals(1_000, c.duplicated(), 120);
        assertEquals(100_000 + c.duplicated(), c.forwarded());
        int pairs = 0;
        for (int i = 1; i < link.packets.size(); i++) {
            if (link.packets.get(i).equals(link.packets.get(i - 1))) {
                pairs++;
                assertEquals(link.times.get(i - 1), link.times.get(i));
            }
        }
        assertEquals(c.duplicated(), pairs);
        assertEquals(0, c.reordered(), "a copy is not a reordering");
    }

    @Test
    void aSpikeStallsTheLinkAndThenDrainsItInOrder() {
        Link link = new Link(config(b -> b.spike("200:1")), 7).send(60_000, MS, BYTES);
        assertEquals(60_000, link.packets.size());
        assertEquals(0, link.inversions(), "arrival order is kept through a stall");
        assertTrue(link.stats.counts().maxDelayMs() <= 200.0);
        assertTrue(link.stats.counts().maxDelayMs() >= 199.0);
        // Each stall: the datagrams arriving during it wait until its end and leave together,
        // with delays falling from 200 ms by 1 ms per datagram (the sawtooth).
        int stalls = 0;
        int i = 0;
        while (i < link.packets.size()) {
            if (link.delayOf(i) == 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < link.packets.size() && link.delayOf(i) > 0) {
                assertEquals(link.times.get(start), link.times.get(i), "leave together at the end of the stall");
                if (i > start) {
                    assertEquals(link.delayOf(i - 1) - MS, link.delayOf(i));
                }
                i++;
            }
            stalls++;
            assertTrue(i - start >= 199 && i - start <= 200, "a 200 ms stall holds ~200 datagrams 1 ms apart: " + (i - start));
        }
        assertEquals(60, stalls, 15, "about one a second");
    }

    @Test
    void aRateLimitSpacesDatagramsAndDropsWhenTheQueueIsFull() {
        // 1222 + 28 header bytes = 10 000 bits: 10 ms at 1000 kbps. Offered every 5 ms: twice the rate.
        Link link = new Link(config(b -> b.rateLimitKbps(1000).queuePackets(10)), 8).send(2_000, 5 * MS, 1_222);
        DirectionCounts c = link.stats.counts();
        assertEquals(2_000, c.forwarded() + c.queueDrops());
        assertEquals(1_000, c.forwarded(), 10);
        for (int i = 1; i < link.times.size(); i++) {
            assertEquals(10 * MS, link.times.get(i) - link.times.get(i - 1), "one every 10 ms at " + i);
        }
        assertEquals(0, link.inversions());
        // A full queue of 10 is 100 ms of waiting, plus up to one datagram on the wire.
        assertTrue(c.maxDelayMs() >= 95 && c.maxDelayMs() <= 110, "max delay " + c.maxDelayMs());
        assertEquals(c.queueDrops(), link.released.size());
    }

    @Test
    void belowTheRateLimitOnlyTheSerializationDelayIsAdded() {
        Link link = new Link(config(b -> b.rateLimitKbps(1000)), 9).send(500, 20 * MS, 1_222);
        assertEquals(0, link.stats.counts().queueDrops());
        for (int i = 0; i < 500; i++) {
            assertEquals(10 * MS, link.delayOf(i));
        }
    }

    @Test
    void afterAStallTheQueueDrainsAtTheLinkRate() {
        // 5 ms per datagram at 2000 kbps, one offered every 10 ms: after a 200 ms stall, ~20 wait.
        Link link = new Link(config(b -> b.rateLimitKbps(2000).spike("200:2")), 10).send(3_000, 10 * MS, 1_222);
        DirectionCounts c = link.stats.counts();
        assertEquals(3_000, c.forwarded());
        assertEquals(0, link.inversions());
        assertTrue(c.maxDelayMs() > 150, "stalls happened: " + c.maxDelayMs());
        for (int i = 1; i < link.times.size(); i++) {
            assertTrue(link.times.get(i) - link.times.get(i - 1) >= 5 * MS, "never faster than the link at " + i);
        }
    }

    @Test
    void theInFlightLimitDropsAndReleases() {
        Link link = new Link(config(b -> b.delayMs(1_000)), 11, 10);
        for (int i = 0; i < 20; i++) {
            link.offer(i * MS, i, BYTES);
        }
        assertEquals(10, link.pipeline.inFlight());
        assertEquals(10, link.stats.counts().queueDrops());
        assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), link.released);
        link.runTo(Long.MAX_VALUE - 1);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), link.packets);
    }

    @Test
    void clearReleasesEverythingWaitingAndTheCountsBalance() {
        Link link = new Link(config(b -> b.delayMs(50).jitterMs(20).lossPercent(3).burst(2).duplicatePercent(2)
                .reorderPercent(100)), 12);
        for (int i = 0; i < 1_000; i++) {
            link.offer(i * MS, i, BYTES);
        }
        DirectionCounts c = link.stats.counts();
        assertTrue(c.inFlight() > 0);
        assertEquals(link.pipeline.inFlight(), c.inFlight());
        assertEquals(c.received() + c.duplicated(), c.forwarded() + c.lost() + c.queueDrops() + c.inFlight());
        int releasedBefore = link.released.size();
        link.pipeline.clear();
        assertEquals(releasedBefore + c.inFlight(), link.released.size());
        assertEquals(0, link.pipeline.inFlight());
        assertEquals(ImpairmentPipeline.NEVER, link.pipeline.nextDueNanos());
        assertFalse(link.released.isEmpty());
    }
}
