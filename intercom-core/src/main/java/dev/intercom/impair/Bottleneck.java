package dev.intercom.impair;

/**
 * The narrowest link on the path: one datagram crosses it at a time, each taking its size
 * over the link rate (serialization delay), and the ones waiting queue in arrival order. The
 * queue holds a bounded number of datagrams (those not yet across); a datagram that finds it
 * full is dropped, as a router's tail-drop queue does. Stalls from a {@link SpikeSchedule}
 * pause the link. Without a rate limit or a stall the link is instantaneous and nothing queues.
 *
 * <p>Time is passed in and must not go backwards. Allocates nothing per datagram.
 */
public final class Bottleneck {

    /** What a UDP datagram costs on the wire beyond its payload: IPv4 (20) and UDP (8) headers. */
    public static final int HEADER_BYTES = 28;

    private final double nanosPerByte;
    private final SpikeSchedule spikes;
    /** When each datagram in the queue will be across, oldest first: a ring of {@code limit} slots. */
    private final long[] departures;
    private int head;
    private int size;
    private long linkFreeAt = Long.MIN_VALUE;

    /**
     * @param rateKbps    link rate in kilobits per second; 0 for an instantaneous link
     * @param queueLimit  how many datagrams may be queued or crossing at once, at least 1
     * @param spikes      when the link stalls, or {@code null} for never
     */
    public Bottleneck(double rateKbps, int queueLimit, SpikeSchedule spikes) {
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queue limit " + queueLimit);
        }
        this.nanosPerByte = rateKbps > 0 ? 8e9 / (rateKbps * 1000) : 0;
        this.spikes = spikes;
        this.departures = new long[queueLimit];
    }

    /**
     * Puts a datagram on the link.
     *
     * @param nowNanos     when it arrives
     * @param payloadBytes its UDP payload; the IP and UDP headers are added for the link rate
     * @return when it is across the link, or -1 if the queue was full and it is dropped
     */
    public long admit(long nowNanos, int payloadBytes) {
        while (size > 0 && departures[head] <= nowNanos) {
            head = (head + 1) % departures.length;
            size--;
        }
        if (size == departures.length) {
            return -1;
        }
        long start = Math.max(nowNanos, linkFreeAt);
        if (spikes != null) {
            start = spikes.clear(start);
        }
        long done = start + Math.round((payloadBytes + HEADER_BYTES) * nanosPerByte);
        linkFreeAt = done;
        departures[(head + size) % departures.length] = done;
        size++;
        return done;
    }

    /** @return how many datagrams were queued or crossing at the last {@link #admit} */
    public int queued() {
        return size;
    }
}
