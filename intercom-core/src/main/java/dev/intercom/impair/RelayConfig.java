package dev.intercom.impair;

import dev.intercom.problem.ConfigException;
import dev.intercom.config.RunTiming;
import dev.intercom.config.SocketAddressSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of {@code intercom impair}: where the relay listens, where it forwards, how
 * long it runs, how often it reports, and the impairments. Checked once by
 * {@link Builder#build()}, which names the bad flag in a {@link ConfigException}.
 */
public final class RelayConfig {

    private final SocketAddressSpec listen;
    private final SocketAddressSpec forward;
    private final Duration duration;
    private final Duration statsInterval;
    private final ImpairmentConfig impairment;

    private RelayConfig(SocketAddressSpec listen, SocketAddressSpec forward, Duration duration, Duration statsInterval,
            ImpairmentConfig impairment) {
        this.listen = listen;
        this.forward = forward;
        this.duration = duration;
        this.statsInterval = statsInterval;
        this.impairment = impairment;
    }

    /** @return a builder holding the defaults (listen on 6000, report every second, no impairment) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the relay's one socket, which receives from both sides and sends to both */
    public SocketAddressSpec listen() {
        return listen;
    }

    /** @return peer B: where the first sender's datagrams go, and whose datagrams go back to it */
    public SocketAddressSpec forward() {
        return forward;
    }

    /** @return how long to run, absent for "until stopped" */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** @return how often to report; zero for never */
    public Duration statsInterval() {
        return statsInterval;
    }

    /** @return what the relay does to the datagrams, in each direction */
    public ImpairmentConfig impairment() {
        return impairment;
    }

    /** Collects settings as the user gave them. */
    public static final class Builder {
        private String listen = "6000";
        private String forward;
        private Double durationSeconds;
        private double statsIntervalSeconds = 1;
        private ImpairmentConfig impairment;

        private Builder() {
        }

        /** {@code --listen [HOST:]PORT}; port 0 lets the OS choose. */
        public Builder listen(String value) {
            this.listen = value;
            return this;
        }

        /** {@code --forward HOST:PORT}: peer B. */
        public Builder forward(String value) {
            this.forward = value;
            return this;
        }

        /** {@code --duration SECONDS}; {@code null} runs until stopped. */
        public Builder durationSeconds(Double value) {
            this.durationSeconds = value;
            return this;
        }

        /** {@code --stats-interval SECONDS}; 0 turns the report lines off. */
        public Builder statsIntervalSeconds(double value) {
            this.statsIntervalSeconds = value;
            return this;
        }

        /** The impairments; {@code null} (the default) for none. */
        public Builder impairment(ImpairmentConfig value) {
            this.impairment = value;
            return this;
        }

        /**
         * Checks every setting.
         *
         * @throws ConfigException naming the first bad flag and what it accepts
         */
        public RelayConfig build() {
            if (forward == null || forward.isBlank()) {
                throw new ConfigException("--forward", "needed: the address of peer B, where the first sender's datagrams"
                        + " go, e.g. --forward 127.0.0.1:5004");
            }
            SocketAddressSpec forwardAddress = SocketAddressSpec.parse("--forward", forward.trim(), true, 1);
            SocketAddressSpec listenAddress = SocketAddressSpec.parse("--listen", listen == null ? "" : listen.trim(), false, 0);
            Duration duration = RunTiming.duration(durationSeconds);
            Duration statsInterval = RunTiming.statsInterval(statsIntervalSeconds);
            return new RelayConfig(listenAddress, forwardAddress, duration, statsInterval,
                    impairment != null ? impairment : ImpairmentConfig.builder().build());
        }
    }
}
