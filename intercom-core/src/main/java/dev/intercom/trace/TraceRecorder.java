package dev.intercom.trace;

import dev.intercom.thread.IntercomThread;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when each of the peer's packets arrived, for {@code intercom simulate}: a CSV with one
 * row per expected packet, {@code seq,send_time_ms,arrival_time_ms}, in sequence order, with
 * the arrival empty for packets that never came. {@code seq} is extended beyond 16 bits;
 * {@code send_time_ms} comes from the RTP timestamp (relative to the first packet) and
 * {@code arrival_time_ms} from our monotonic clock (relative to the first arrival).
 *
 * <p>The event loop calls {@link #arrived} for every valid RTP packet from the peer (before the
 * jitter buffer judges it: duplicates and late packets are recorded too, the first arrival of a
 * sequence number counts). It only writes three
 * numbers into a preallocated ring and never blocks (if the writer falls a whole ring behind,
 * records are dropped and counted). A daemon thread drains the ring, holds rows back long
 * enough for reordered packets to fill their gaps, and writes them in order.
 */
public final class TraceRecorder implements AutoCloseable {

    /** The CSV header. */
    public static final String HEADER = "seq,send_time_ms,arrival_time_ms";

    private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);
    private static final int RING = 1 << 14;
    /** Rows are written once the stream is this many packets past them. */
    private static final int REORDER_WINDOW = 512;
    private static final int PENDING = 1 << 13;
    /** A sequence jump this large is a new stream, not loss. */
    private static final int MAX_JUMP = 3000;

    private final Path path;
    private final BufferedWriter out;
    private final int sampleRate;
    private final int[] ringSequence = new int[RING];
    private final long[] ringTimestamp = new long[RING];
    private final long[] ringArrival = new long[RING];
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    // Writer-thread state: pending rows by extended sequence number.
    private final double[] pendingSend = new double[PENDING];
    private final double[] pendingArrival = new double[PENDING];
    private final boolean[] pendingKnown = new boolean[PENDING];
    private boolean started;
    private long highest;
    /** Rows are numbered {@code sequence + sequenceOffset}: the offset changes when the sender restarts. */
    private long sequenceOffset;
    private long nextToWrite;
    private long firstTimestamp;
    private long lastTimestamp;
    private long firstArrival;
    private double lastSendMs;
    private double previousSendMs;
    private long rows;

    /**
     * Creates the file, writes the header and starts the writer thread.
     *
     * @param path       where to write
     * @param sampleRate the RTP clock rate, to turn timestamps into milliseconds
     * @throws UncheckedIOException with a message naming the file if it cannot be created
     */
    public TraceRecorder(Path path, int sampleRate) {
        this.path = path;
        this.sampleRate = sampleRate;
        try {
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace file " + path + " (" + e.getClass().getSimpleName()
                    + "); check that its folder exists and is writable (--record-trace)", e);
        }
        Arrays.fill(pendingArrival, Double.NaN);
        this.writer = IntercomThread.TRACE.newThread(this::drainLoop);
        writer.start();
    }

    /**
     * Notes one accepted packet. Called by the event loop only; never blocks, never allocates.
     *
     * @param sequence    its 16-bit sequence number
     * @param timestamp   its 32-bit RTP timestamp
     * @param arrivalNanos when it arrived
     */
    public void arrived(int sequence, long timestamp, long arrivalNanos) {
        long h = head.get();
        if (h - tail.get() >= RING) {
            dropped.incrementAndGet();
            return;
        }
        int slot = (int) (h & (RING - 1));
        ringSequence[slot] = sequence;
        ringTimestamp[slot] = timestamp;
        ringArrival[slot] = arrivalNanos;
        head.lazySet(h + 1);
    }

    private void drainLoop() {
        try {
            while (!closing) {
                drain();
                LockSupport.parkNanos(100_000_000L);
            }
            drain();
            if (started) {
                writeUpTo(highest + 1);
            }
        } catch (IOException e) {
            LOG.warn("trace file {}: {}; recording stopped", path, e.getMessage());
        }
    }

    private void drain() throws IOException {
        long t = tail.get();
        long h = head.get();
        for (; t < h; t++) {
            int slot = (int) (t & (RING - 1));
            take(ringSequence[slot], ringTimestamp[slot], ringArrival[slot]);
        }
        tail.lazySet(t);
        writeUpTo(highest - REORDER_WINDOW);
        out.flush();
    }

    private void take(int sequence, long timestamp, long arrivalNanos) throws IOException {
        if (!started) {
            started = true;
            highest = sequence;
            nextToWrite = sequence;
            firstTimestamp = timestamp;
            lastTimestamp = timestamp;
            firstArrival = arrivalNanos;
        }
        long extended = highest + (short) (sequence - (int) ((highest - sequenceOffset) & 0xFFFF));
        if (extended - highest > MAX_JUMP || highest - extended > MAX_JUMP) {
            // The sender restarted (new sequence numbers and timestamps): finish the old stream's
            // rows and carry on numbering and timing from where they ended, so the file stays one
            // increasing trace.
            LOG.info("trace: the peer's stream jumped (restart?); its rows continue the trace");
            writeUpTo(highest + 1);
            double spacingMs = Math.max(0, lastSendMs - previousSendMs);
            extended = highest + 1;
            sequenceOffset = extended - sequence;
            firstTimestamp = timestamp - Math.round((lastSendMs + spacingMs) * sampleRate / 1000.0);
            lastTimestamp = timestamp;
            highest = extended;
            nextToWrite = extended;
        }
        if (extended < nextToWrite || extended - nextToWrite >= PENDING) {
            return; // too late to place (already written), or absurdly far ahead
        }
        if (extended - nextToWrite >= PENDING - REORDER_WINDOW) {
            writeUpTo(extended - (PENDING - REORDER_WINDOW) + 1);
        }
        lastTimestamp = lastTimestamp + (int) (timestamp - lastTimestamp);
        int slot = (int) (extended & (PENDING - 1));
        if (!pendingKnown[slot]) {
            pendingKnown[slot] = true;
            pendingSend[slot] = (lastTimestamp - firstTimestamp) * 1000.0 / sampleRate;
            pendingArrival[slot] = (arrivalNanos - firstArrival) / 1e6;
        }
        highest = Math.max(highest, extended);
    }

    /** Writes every row before {@code end}; missing packets get a send time between their neighbours. */
    private void writeUpTo(long end) throws IOException {
        for (; nextToWrite < end; nextToWrite++) {
            int slot = (int) (nextToWrite & (PENDING - 1));
            double send;
            String arrival;
            if (pendingKnown[slot]) {
                send = pendingSend[slot];
                arrival = String.format(Locale.ROOT, "%.3f", pendingArrival[slot]);
            } else {
                send = interpolateSend(nextToWrite);
                arrival = "";
            }
            out.write(nextToWrite + "," + String.format(Locale.ROOT, "%.3f", send) + "," + arrival);
            out.newLine();
            previousSendMs = lastSendMs;
            lastSendMs = send;
            pendingKnown[slot] = false;
            rows++;
        }
    }

    /** A lost packet's send time: evenly between the last written row and the next known one. */
    private double interpolateSend(long sequence) {
        for (long s = sequence + 1; s <= highest && s - sequence < PENDING; s++) {
            int slot = (int) (s & (PENDING - 1));
            if (pendingKnown[slot]) {
                return lastSendMs + (pendingSend[slot] - lastSendMs) / (s - sequence + 1);
            }
        }
        return lastSendMs;
    }

    /** Writes the remaining rows and closes the file. Idempotent. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("trace file {}: {}", path, e.getMessage());
        }
        LOG.info("trace: {} rows written to {}{}", rows, path,
                dropped.get() == 0 ? "" : " (" + dropped.get() + " arrivals dropped: the writer fell behind)");
    }
}
