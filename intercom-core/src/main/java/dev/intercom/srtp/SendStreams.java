package dev.intercom.srtp;

/**
 * The sender's per-SSRC counter: for SRTP the highest index protected, for SRTCP the next SRTCP
 * index. A fixed table, allocated once, that never forgets an SSRC: forgetting would restart its
 * counter and so reuse keystream, which SRTP must never do (RFC 3711 section 9.1).
 *
 * <p>Not thread-safe.
 */
final class SendStreams {

    private final long[] ssrcs;
    private final long[] values;
    private int count;

    /** @param capacity most SSRCs this table will ever hold */
    SendStreams(int capacity) {
        ssrcs = new long[capacity];
        values = new long[capacity];
    }

    /**
     * @param ssrc an SSRC, 0..2^32-1
     * @return its slot, or -1 if it has none yet
     */
    int find(long ssrc) {
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param ssrc  a new SSRC
     * @param value its first counter value
     * @return its slot
     * @throws IllegalStateException if the table is full
     */
    int add(long ssrc, long value) {
        if (count == ssrcs.length) {
            throw new IllegalStateException("this SRTP sender already protects " + count
                    + " SSRCs, the most it can track: create a new sender with a new key for more");
        }
        ssrcs[count] = ssrc;
        values[count] = value;
        return count++;
    }

    /** @return the counter in {@code slot} */
    long value(int slot) {
        return values[slot];
    }

    /** Replaces the counter in {@code slot}. */
    void setValue(int slot, long value) {
        values[slot] = value;
    }
}
