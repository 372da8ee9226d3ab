package dev.intercom.impair;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One direction of an impaired link, as pure logic in passed-in time: datagrams go in with
 * {@link #offer} when they arrive and come out of {@link #poll} when they are due. Each
 * datagram in turn:
 * <ol>
 *   <li>may be lost ({@link GilbertElliottLoss}, bursty);</li>
 *   <li>crosses the {@link Bottleneck}: rate limit, stalls ({@link SpikeSchedule}), a bounded
 *       queue that drops when full;</li>
 *   <li>takes the path delay ({@link DelayModel}: fixed plus jitter);</li>
 *   <li>may be held back until the next datagram has been scheduled, and then delivered just
 *       after it (so exactly one later datagram overtakes it), or {@link #MAX_HOLD_NANOS} after
 *       its own time if no other comes; one datagram is held at a time;</li>
 *   <li>may be duplicated: the copy is delivered at the same time, right after it.</li>
 * </ol>
 * Loss, delay, reorder and duplicate decisions each use their own random stream split off
 * {@code random} and draw exactly one number per datagram, so the n-th datagram's fate
 * depends only on the seed and n, never on timing (and changing, say, the jitter leaves the
 * loss pattern as it was). Which datagrams a stall or a full queue hits depends on when they
 * arrive, as on a real link.
 *
 * <p>Single-threaded: call every method from the same thread. Time must not go backwards.
 * Allocates nothing per datagram beyond what {@code duplicator} does.
 *
 * @param <T> the datagram's payload, handed back by {@link #poll}
 */
public final class ImpairmentPipeline<T> {

    /** {@link #offer} outcome: scheduled for delivery as it is. */
    public static final int SCHEDULED = 0;
    /** {@link #offer} outcome bit: lost by the loss model (and released). */
    public static final int LOST = 1;
    /** {@link #offer} outcome bit: dropped because a queue was full (and released). */
    public static final int QUEUE_FULL = 2;
    /** {@link #offer} outcome bit: held back for a later datagram to overtake. */
    public static final int HELD = 4;
    /** {@link #offer} outcome bit: a copy will be delivered too. */
    public static final int DUPLICATED = 8;
    /** {@link #nextDueNanos} when nothing is waiting. */
    public static final long NEVER = Long.MAX_VALUE;
    /** How long past its own time a held datagram waits for a later one to overtake it. */
    public static final long MAX_HOLD_NANOS = 100_000_000;

    private final GilbertElliottLoss loss;
    private final DelayModel delay;
    private final SplittableRandom reorderRandom;
    private final SplittableRandom duplicateRandom;
    private final double reorderRate;
    private final double duplicateRate;
    private final Bottleneck bottleneck;
    private final DeliveryQueue<T> queue;
    private final UnaryOperator<T> duplicator;
    private final Consumer<T> release;
    private final DirectionStats stats;

    private long offered;
    private boolean previousLost;
    private long highestDelivered = -1;

    private T held;
    private long heldDue;
    private long heldArrival;
    private long heldIndex;
    private int heldBytes;

    /**
     * @param config       the impairments
     * @param random       this direction's random stream (split into one per decision kind)
     * @param originNanos  when the link starts (the spike schedule counts from here)
     * @param capacity     the most datagrams in flight; more are dropped as {@link #QUEUE_FULL}
     * @param byteLimit    the most payload bytes in flight
     * @param duplicator   makes an independent copy of a payload (for a ByteBuf: retainedDuplicate)
     * @param release      frees a payload that will not be delivered
     * @param stats        where this direction's counts go
     */
    public ImpairmentPipeline(ImpairmentConfig config, SplittableRandom random, long originNanos, int capacity,
            long byteLimit, UnaryOperator<T> duplicator, Consumer<T> release, DirectionStats stats) {
        // The order of the splits fixes which stream each decision gets: keep it.
        this.loss = new GilbertElliottLoss(config.lossRate(), config.meanBurst(), random.split());
        this.delay = new DelayModel(config.delayNanos(), config.jitterNanos(), config.jitterDistribution(), random.split());
        this.reorderRandom = random.split();
        this.duplicateRandom = random.split();
        SplittableRandom spikeRandom = random.split();
        SpikeSchedule spikes = config.spike()
                .map(s -> new SpikeSchedule(s.stall().toNanos(), s.every().toNanos(), spikeRandom, originNanos))
                .orElse(null);
        this.bottleneck = new Bottleneck(config.rateLimitKbps(), config.queuePackets(), spikes);
        this.reorderRate = config.reorderRate();
        this.duplicateRate = config.duplicateRate();
        this.queue = new DeliveryQueue<>(capacity, byteLimit);
        this.duplicator = duplicator;
        this.release = release;
        this.stats = stats;
    }

    /**
     * Takes a datagram that just arrived. Ownership of {@code payload} passes to the pipeline:
     * it comes back from {@link #poll}, or is released here if dropped.
     *
     * @param nowNanos when it arrived
     * @param bytes    its UDP payload size
     * @return {@link #SCHEDULED}, or a combination of {@link #LOST}, {@link #QUEUE_FULL},
     *     {@link #HELD} and {@link #DUPLICATED}
     */
    public int offer(long nowNanos, T payload, int bytes) {
        long index = offered++;
        stats.received();
        // Every decision draws its number whatever happens, so the streams stay aligned with n.
        boolean lose = loss.nextLost();
        long pathDelay = delay.nextDelayNanos();
        boolean holdBack = reorderRandom.nextDouble() < reorderRate;
        boolean copy = duplicateRandom.nextDouble() < duplicateRate;
        if (lose) {
            stats.lost(!previousLost);
            previousLost = true;
            release.accept(payload);
            return LOST;
        }
        previousLost = false;
        boolean releaseHeld = held != null;
        int slots = 1 + (copy ? 1 : 0) + (releaseHeld ? 1 : 0);
        long slotBytes = (long) bytes * (copy ? 2 : 1) + (releaseHeld ? heldBytes : 0);
        if (!queue.hasRoom(slots, slotBytes)) {
            return dropForFullQueue(payload);
        }
        long across = bottleneck.admit(nowNanos, bytes);
        if (across < 0) {
            return dropForFullQueue(payload);
        }
        long due = across + pathDelay;
        int outcome = SCHEDULED;
        if (releaseHeld) {
            queue.add(due, nowNanos, index, payload, bytes);
            // Inserted second, so at an equal time it still leaves after the one that overtook it.
            queue.add(Math.max(heldDue, due), heldArrival, heldIndex, held, heldBytes);
            held = null;
        } else if (holdBack) {
            held = payload;
            heldDue = due;
            heldArrival = nowNanos;
            heldIndex = index;
            heldBytes = bytes;
            outcome |= HELD;
        } else {
            queue.add(due, nowNanos, index, payload, bytes);
        }
        if (copy) {
            queue.add(due, nowNanos, index, duplicator.apply(payload), bytes);
            stats.duplicated();
            outcome |= DUPLICATED;
        }
        return outcome;
    }

    private int dropForFullQueue(T payload) {
        stats.queueDrop();
        release.accept(payload);
        return QUEUE_FULL;
    }

    /** @return when the next datagram is due, or {@link #NEVER} if none is waiting */
    public long nextDueNanos() {
        long heldDeadline = held == null ? NEVER : heldDue + MAX_HOLD_NANOS;
        return Math.min(queue.peekDue(), heldDeadline);
    }

    /**
     * @param nowNanos the time now
     * @return the next datagram due by now (the caller owns it and sends it), or {@code null}
     */
    public T poll(long nowNanos) {
        if (held != null && heldDue + MAX_HOLD_NANOS <= nowNanos) {
            queue.add(heldDue + MAX_HOLD_NANOS, heldArrival, heldIndex, held, heldBytes);
            held = null;
        }
        if (queue.peekDue() > nowNanos) {
            return null;
        }
        T payload = queue.remove();
        long index = queue.removedIndex();
        stats.forwarded(nowNanos - queue.removedArrival(), index < highestDelivered);
        highestDelivered = Math.max(highestDelivered, index);
        return payload;
    }

    /** @return datagrams waiting for their time, held ones included */
    public int inFlight() {
        return queue.size() + (held == null ? 0 : 1);
    }

    /** Drops everything still waiting, releasing each payload. */
    public void clear() {
        queue.clear(release);
        if (held != null) {
            release.accept(held);
            held = null;
        }
    }
}
