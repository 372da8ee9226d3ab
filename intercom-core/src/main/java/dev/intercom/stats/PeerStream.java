package dev.intercom.stats;

import dev.intercom.jitter.JitterSnapshot;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * One remote peer's stream as the statistics see it: its receive counters, its jitter buffer and
 * whether it is silent now. A session with one peer has one, whose counters are the session's own.
 *
 * @param name     the peer's address as shown in the log line and the CSV's {@code peer} column
 * @param counters what its receive path, RTCP and playout count
 * @param jitter   fills a snapshot of its jitter buffer
 * @param silentAt whether nothing has come from it for a while, at a given clock time
 */
public record PeerStream(String name, SessionCounters counters, Consumer<JitterSnapshot> jitter,
        LongPredicate silentAt) {
}
