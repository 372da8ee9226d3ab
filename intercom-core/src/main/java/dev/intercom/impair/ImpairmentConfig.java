package dev.intercom.impair;

import dev.intercom.problem.ConfigException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the relay does to the datagrams of each direction, checked once. Both directions get
 * the same settings and independent random streams. {@link Builder#build()} refuses
 * out-of-range values with a {@link ConfigException} naming the flag.
 */
public final class ImpairmentConfig {

    public static final double MAX_DELAY_MS = 10_000;
    public static final double MAX_BURST = 10_000;
    public static final double MAX_RATE_KBPS = 10_000_000;
    public static final int MAX_QUEUE = 100_000;

    private final long delayNanos;
    private final long jitterNanos;
    private final JitterDistribution jitterDistribution;
    private final double lossRate;
    private final double meanBurst;
    private final double reorderRate;
    private final double duplicateRate;
    private final double rateLimitKbps;
    private final int queuePackets;
    private final SpikeSpec spike;
    private final long seed;
    private final boolean seedGiven;

    private ImpairmentConfig(Builder b, JitterDistribution distribution, SpikeSpec spike, long seed) {
        this.delayNanos = millisToNanos(b.delayMs);
        this.jitterNanos = millisToNanos(b.jitterMs);
        this.jitterDistribution = distribution;
        this.lossRate = b.lossPercent / 100;
        this.meanBurst = b.burst;
        this.reorderRate = b.reorderPercent / 100;
        this.duplicateRate = b.duplicatePercent / 100;
        this.rateLimitKbps = b.rateLimitKbps;
        this.queuePackets = b.queuePackets;
        this.spike = spike;
        this.seed = seed;
        this.seedGiven = b.seed != null;
    }

    static long millisToNanos(double ms) {
        return Math.round(ms * 1e6);
    }

    /** @return a builder holding the defaults: no impairment at all, a random seed */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the fixed one-way delay added to every datagram ({@code --delay}), in nanoseconds */
    public long delayNanos() {
        return delayNanos;
    }

    /** @return the mean of the random delay added on top of the fixed one ({@code --jitter}), in nanoseconds */
    public long jitterNanos() {
        return jitterNanos;
    }

    /** @return how the jitter is distributed ({@code --jitter-dist}) */
    public JitterDistribution jitterDistribution() {
        return jitterDistribution;
    }

    /** @return the long-run fraction of datagrams lost, 0..1 ({@code --loss}) */
    public double lossRate() {
        return lossRate;
    }

    /** @return the mean number of datagrams lost in a row ({@code --burst}), at least 1 */
    public double meanBurst() {
        return meanBurst;
    }

    /** @return the probability that a datagram is held back until a later one has passed it, 0..1 */
    public double reorderRate() {
        return reorderRate;
    }

    /** @return the probability that a datagram is delivered twice, 0..1 */
    public double duplicateRate() {
        return duplicateRate;
    }

    /** @return the bottleneck's rate in kilobits per second, 0 for none ({@code --rate-limit}) */
    public double rateLimitKbps() {
        return rateLimitKbps;
    }

    /** @return how many datagrams the bottleneck holds before it drops ({@code --queue}) */
    public int queuePackets() {
        return queuePackets;
    }

    /** @return the delay spikes ({@code --spike}), if any */
    public Optional<SpikeSpec> spike() {
        return Optional.ofNullable(spike);
    }

    /** @return the seed of every random decision: the one given, or one picked at random */
    public long seed() {
        return seed;
    }

    /** @return whether the seed came from {@code --seed} (else it was picked at random) */
    public boolean seedGiven() {
        return seedGiven;
    }

    /** @return the active impairments and the seed on one line, for the log, e.g. {@code delay 30 ms, loss 2% ...} */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (delayNanos > 0) {
            s.append("delay ").append(number(delayNanos / 1e6)).append(" ms, ");
        }
        if (jitterNanos > 0) {
            s.append("jitter ").append(number(jitterNanos / 1e6)).append(" ms mean ").append(jitterDistribution.flagValue())
                    .append(", ");
        }
        if (lossRate > 0) {
            s.append("loss ").append(number(lossRate * 100)).append("% in bursts of ").append(number(meanBurst))
                    .append(" on average, ");
        }
        if (reorderRate > 0) {
            s.append("reorder ").append(number(reorderRate * 100)).append("%, ");
        }
        if (duplicateRate > 0) {
            s.append("duplicate ").append(number(duplicateRate * 100)).append("%, ");
        }
        if (rateLimitKbps > 0) {
            s.append("rate limit ").append(number(rateLimitKbps)).append(" kbps, ");
        }
        if (spike != null) {
            s.append("spikes of ").append(spike).append(", ");
        }
        if (rateLimitKbps > 0 || spike != null) {
            s.append("queue ").append(queuePackets).append(" datagrams, ");
        }
        if (s.length() == 0) {
            s.append("no impairment, ");
        }
        return s.append("seed ").append(seed).toString();
    }

    private static String number(double value) {
        double rounded = Math.round(value * 1e4) / 1e4;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    /**
     * A delay spike: the link stalls for {@code stall}, on average once every {@code every}
     * (start to start, at random).
     *
     * @param stall how long the link stalls: the largest delay a spike adds
     * @param every the mean time from one spike's start to the next's
     */
    public record SpikeSpec(Duration stall, Duration every) {

        /**
         * Parses {@code MS:EVERY_S}, e.g. {@code 200:5}.
         *
         * @throws ConfigException naming {@code --spike}
         */
        public static SpikeSpec parse(String text) {
            String form = "expected MS:EVERY_S, e.g. 200:5 (the link stalls 200 ms about every 5 s)";
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new ConfigException("--spike", form + " (got '" + text + "')");
            }
            double ms;
            double everySeconds;
            try {
                ms = Double.parseDouble(text.substring(0, colon).trim());
                everySeconds = Double.parseDouble(text.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("--spike", form + " (got '" + text + "')");
            }
            if (!(ms >= 1 && ms <= MAX_DELAY_MS)) {
                throw new ConfigException("--spike", "the stall must be from 1 to " + (int) MAX_DELAY_MS + " ms (got '" + text + "')");
            }
            if (!(everySeconds * 1000 > ms && everySeconds <= 86_400)) {
                throw new ConfigException("--spike", "EVERY_S must be longer than the stall and at most 86400 s (got '"
                        + text + "')");
            }
            return new SpikeSpec(Duration.ofNanos(millisToNanos(ms)), Duration.ofNanos(Math.round(everySeconds * 1e9)));
        }

        @Override
        public String toString() {
            return number(stall.toNanos() / 1e6) + " ms about every " + number(every.toNanos() / 1e9) + " s";
        }
    }

    /** Collects settings as the user gave them. */
    public static final class Builder {
        private double delayMs;
        private double jitterMs;
        private String jitterDistribution = "uniform";
        private double lossPercent;
        private double burst = 1;
        private double reorderPercent;
        private double duplicatePercent;
        private double rateLimitKbps;
        private int queuePackets = 1_000;
        private String spike;
        private Long seed;

        private Builder() {
        }

        /** {@code --delay MS}: fixed one-way delay. */
        public Builder delayMs(double value) {
            this.delayMs = value;
            return this;
        }

        /** {@code --jitter MS}: mean random delay added on top of {@code --delay}. */
        public Builder jitterMs(double value) {
            this.jitterMs = value;
            return this;
        }

        /** {@code --jitter-dist uniform|pareto}. */
        public Builder jitterDistribution(String value) {
            this.jitterDistribution = value;
            return this;
        }

        /** {@code --loss PCT}: long-run loss rate in percent. */
        public Builder lossPercent(double value) {
            this.lossPercent = value;
            return this;
        }

        /** {@code --burst PACKETS}: mean length of a run of losses. */
        public Builder burst(double value) {
            this.burst = value;
            return this;
        }

        /** {@code --reorder PCT}. */
        public Builder reorderPercent(double value) {
            this.reorderPercent = value;
            return this;
        }

        /** {@code --duplicate PCT}. */
        public Builder duplicatePercent(double value) {
            this.duplicatePercent = value;
            return this;
        }

        /** {@code --rate-limit KBPS}; 0 for none. */
        public Builder rateLimitKbps(double value) {
            this.rateLimitKbps = value;
            return this;
        }

        /** {@code --queue PACKETS}. */
        public Builder queuePackets(int value) {
            this.queuePackets = value;
            return this;
        }

        /** {@code --spike MS:EVERY_S}; {@code null} or blank for none. */
        public Builder spike(String value) {
            this.spike = value;
            return this;
        }

        /** {@code --seed N}; {@code null} picks one at random. */
        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        /**
         * Checks every setting.
         *
         * @throws ConfigException naming the first bad flag and what it accepts
         */
        public ImpairmentConfig build() {
            requireMillis("--delay", delayMs);
            requireMillis("--jitter", jitterMs);
            JitterDistribution distribution = JitterDistribution.parse(jitterDistribution);
            if (!(burst >= 1 && burst <= MAX_BURST)) {
                throw new ConfigException("--burst", "must be from 1 to " + (int) MAX_BURST + " packets (got " + burst + ")");
            }
            if (!(lossPercent >= 0 && lossPercent < 100)) {
                throw new ConfigException("--loss", "must be from 0 to below 100 percent (got " + lossPercent + ")");
            }
            // In the two-state model a burst of mean length B needs on average at least one
            // delivered packet between bursts, so the loss rate is at most B/(B+1).
            double maxLoss = 100 * burst / (burst + 1);
            if (lossPercent > maxLoss + 1e-9) {
                throw new ConfigException("--loss", "at most " + Math.round(maxLoss * 100) / 100.0 + " percent with --burst "
                        + burst + " (got " + lossPercent + "); raise --burst for more loss");
            }
            requirePercent("--reorder", reorderPercent);
            requirePercent("--duplicate", duplicatePercent);
            if (!(rateLimitKbps == 0 || (rateLimitKbps >= 1 && rateLimitKbps <= MAX_RATE_KBPS))) {
                throw new ConfigException("--rate-limit", "must be 0 (none) or from 1 to " + (long) MAX_RATE_KBPS
                        + " kbps (got " + rateLimitKbps + ")");
            }
            if (queuePackets < 1 || queuePackets > MAX_QUEUE) {
                throw new ConfigException("--queue", "must be from 1 to " + MAX_QUEUE + " packets (got " + queuePackets + ")");
            }
            SpikeSpec spikes = spike == null || spike.isBlank() ? null : SpikeSpec.parse(spike.trim());
            // A random seed is logged for repeating the run: keep it short enough to retype.
            long effectiveSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 31);
            return new ImpairmentConfig(this, distribution, spikes, effectiveSeed);
        }

        private static void requireMillis(String flag, double value) {
            if (!(value >= 0 && value <= MAX_DELAY_MS)) {
                throw new ConfigException(flag, "must be from 0 to " + (int) MAX_DELAY_MS + " ms (got " + value + ")");
            }
        }

        private static void requirePercent(String flag, double value) {
            if (!(value >= 0 && value <= 100)) {
                throw new ConfigException(flag, "must be from 0 to 100 percent (got " + value + ")");
            }
        }
    }
}
