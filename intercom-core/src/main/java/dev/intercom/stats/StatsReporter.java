package dev.intercom.stats;

import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.thread.IntercomThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, samples the statistics and writes a log line and (optionally) a CSV row, on
 * its own daemon thread; {@link #finish()} takes the last sample and returns the summary.
 */
public final class StatsReporter {

    private static final Logger LOG = LoggerFactory.getLogger("intercom.stats");

    private final StatsSampler sampler;
    private final SessionCounters counters;
    private final Consumer<JitterSnapshot> jitterSource;
    private final Duration interval;
    private final CsvStatsWriter csv;
    private final StatsRow row = new StatsRow();
    /** One row per remote stream; {@link #row} is the first. */
    private final List<StatsRow> rows;
    /** More than one remote stream: the party line's log line and CSV columns. */
    private final boolean party;
    private boolean network = true;
    private ScheduledExecutorService timer;
    private boolean finished;

    /**
     * @param sampler      computes the rows
     * @param counters     the counters behind the sampler, for the summary's breakdowns
     * @param jitterSource the jitter buffer's snapshot, for the summary's resync counts
     * @param interval     how often to report; zero for never (the summary is still made)
     * @param csvFile      where to write CSV rows, if anywhere; created at once
     */
    public StatsReporter(StatsSampler sampler, SessionCounters counters, Consumer<JitterSnapshot> jitterSource,
            Duration interval, Optional<Path> csvFile) {
        this.sampler = sampler;
        this.counters = counters;
        this.jitterSource = jitterSource;
        this.interval = interval;
        List<StatsRow> all = new ArrayList<>();
        all.add(row);
        while (all.size() < sampler.streams().size()) {
            all.add(new StatsRow());
        }
        this.rows = List.copyOf(all);
        this.party = rows.size() > 1;
        this.csv = csvFile.map(path -> new CsvStatsWriter(path, party)).orElse(null);
    }

    /** Call with false for a loopback: the log line then leaves out the packet and network fields. */
    public void network(boolean value) {
        this.network = value;
    }

    /** Starts reporting every interval. */
    public synchronized void start() {
        if (interval.isZero() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(IntercomThread.STATS.factory());
        long period = interval.toNanos();
        timer.scheduleAtFixedRate(this::report, period, period, TimeUnit.NANOSECONDS);
    }

    private synchronized void report() {
        if (finished) {
            return;
        }
        try {
            sampler.sample(rows);
            // --verbose (debug logging) shows every field; the CSV always has them all.
            LOG.info(party ? StatsRow.toPartyLogLine(rows) : row.toLogLine(LOG.isDebugEnabled(), network));
            writeCsv();
        } catch (RuntimeException e) {
            // A full disk must not kill the reporter silently, nor the audio.
            LOG.warn("statistics report failed: {}", e.getMessage());
        }
    }

    private void writeCsv() {
        if (csv != null) {
            for (StatsRow r : rows) {
                csv.write(r);
            }
        }
    }

    private void closeCsv() {
        try {
            csv.close();
        } catch (RuntimeException e) {
            LOG.warn("statistics file: {}", e.getMessage());
        }
    }

    /** Stops the timer, writes the final row (to the CSV too) and returns the summary. Idempotent. */
    public synchronized SessionSummary finish() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (!finished) {
            finished = true;
            sampler.sample(rows);
            if (csv != null) {
                try {
                    writeCsv(); // the final rows: the totals at the moment the session ended
                } catch (RuntimeException e) {
                    LOG.warn("statistics file: {}", e.getMessage());
                } finally {
                    closeCsv();
                }
            }
        }
        Map<String, Long> malformed = new LinkedHashMap<>();
        long socketErrors = counters.socketErrors();
        JitterSnapshot jitter = new JitterSnapshot();
        long resyncs = 0;
        long strays = 0;
        long stretched = 0;
        long recovered = 0;
        for (PeerStream stream : sampler.streams()) {
            SessionCounters own = stream.counters();
            for (DropReason reason : DropReason.values()) {
                long n = own.dropped(reason);
                if (reason.isMalformed() && n > 0) {
                    String label = reason.label();
                    if (reason == DropReason.RTP_WRONG_PAYLOAD_TYPE && own.refusedPayloadType() >= 0) {
                        label += " (the peer sends " + own.refusedPayloadType() + ")";
                    }
                    malformed.merge(label, n, Long::sum);
                }
            }
            if (own != counters) {
                socketErrors += own.socketErrors();
            }
            (party ? stream.jitter() : jitterSource).accept(jitter);
            resyncs += jitter.resyncs;
            strays += jitter.strays;
            stretched += jitter.stretched;
            recovered += jitter.recovered;
        }
        if (!party) {
            return new SessionSummary(row, sampler.totalWaitMicros(), malformed, socketErrors, resyncs, strays,
                    stretched, recovered);
        }
        long foreign = counters.foreignPackets();
        for (PeerStream stream : sampler.streams()) {
            foreign += stream.counters() == counters ? 0 : stream.counters().foreignPackets();
        }
        return new SessionSummary(StatsRow.totalOf(rows, foreign), sampler.totalWaitMicros(), malformed, socketErrors,
                resyncs, strays, stretched, recovered, rows);
    }
}
