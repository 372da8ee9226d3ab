package dev.intercom.impair;

import java.util.function.Consumer;

/**
 * Datagrams waiting for their delivery time: a binary min-heap ordered by due time, and among
 * equal due times by insertion order (so datagrams released together leave in the order they
 * were put in). Bounded in count and bytes; every array is allocated once, so adding and
 * removing allocate nothing.
 *
 * @param <T> the datagram's payload
 */
final class DeliveryQueue<T> {

    private final long[] due;
    private final long[] order;
    private final long[] arrival;
    private final long[] index;
    private final int[] bytes;
    private final Object[] payloads;
    private final long byteLimit;
    private int size;
    private long totalBytes;
    private long nextOrder;

    private long removedArrival;
    private long removedIndex;

    /**
     * @param capacity  the most datagrams it holds
     * @param byteLimit the most payload bytes it holds
     */
    DeliveryQueue(int capacity, long byteLimit) {
        this.due = new long[capacity];
        this.order = new long[capacity];
        this.arrival = new long[capacity];
        this.index = new long[capacity];
        this.bytes = new int[capacity];
        this.payloads = new Object[capacity];
        this.byteLimit = byteLimit;
    }

    /** @return whether {@code count} more datagrams of {@code bytes} payload bytes in all would fit */
    boolean hasRoom(int count, long bytes) {
        return size + count <= due.length && totalBytes + bytes <= byteLimit;
    }

    /**
     * Adds a datagram; the caller has checked {@link #hasRoom}.
     *
     * @param dueNanos     when to deliver it
     * @param arrivalNanos when it arrived, to measure the delay added
     * @param packetIndex  its position in the arrival order, to spot reordering
     */
    void add(long dueNanos, long arrivalNanos, long packetIndex, T payload, int size) {
        int i = this.size++;
        totalBytes += size;
        set(i, dueNanos, nextOrder++, arrivalNanos, packetIndex, size, payload);
        siftUp(i);
    }

    /** @return the earliest due time, or {@link Long#MAX_VALUE} if empty */
    long peekDue() {
        return size == 0 ? Long.MAX_VALUE : due[0];
    }

    /** @return how many datagrams are waiting */
    int size() {
        return size;
    }

    /**
     * Removes the earliest datagram; its arrival time and index are then in
     * {@link #removedArrival()} and {@link #removedIndex()}.
     */
    @SuppressWarnings("unchecked")
    T remove() {
        T payload = (T) payloads[0];
        removedArrival = arrival[0];
        removedIndex = index[0];
        totalBytes -= bytes[0];
        int last = --size;
        if (last > 0) {
            move(last, 0);
            siftDown(0);
        }
        payloads[last] = null;
        return payload;
    }

    long removedArrival() {
        return removedArrival;
    }

    long removedIndex() {
        return removedIndex;
    }

    /** Empties the queue, handing every payload to {@code release}. */
    @SuppressWarnings("unchecked")
    void clear(Consumer<T> release) {
        for (int i = 0; i < size; i++) {
            release.accept((T) payloads[i]);
            payloads[i] = null;
        }
        size = 0;
        totalBytes = 0;
    }

    private boolean before(int a, int b) {
        return due[a] < due[b] || (due[a] == due[b] && order[a] < order[b]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int child = right < size && before(right, left) ? right : left;
            if (!before(child, i)) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        long d = due[a];
        long o = order[a];
        long t = arrival[a];
        long x = index[a];
        int n = bytes[a];
        Object p = payloads[a];
        move(b, a);
        set(b, d, o, t, x, n, p);
    }

    private void move(int from, int to) {
        set(to, due[from], order[from], arrival[from], index[from], bytes[from], payloads[from]);
    }

    private void set(int i, long d, long o, long t, long x, int n, Object p) {
        due[i] = d;
        order[i] = o;
        arrival[i] = t;
        index[i] = x;
        bytes[i] = n;
        payloads[i] = p;
    }
}
