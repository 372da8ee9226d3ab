package dev.intercom.impair;

import dev.intercom.problem.ConfigException;
import java.util.Locale;

/**
 * How the random part of the delay is spread. Either way its mean is the {@code --jitter}
 * value, so switching distributions changes the shape, not the average.
 */
public enum JitterDistribution {

    /** Every value from 0 to twice the mean equally likely. */
    UNIFORM {
        @Override
        public double sample(double u, double mean) {
            return 2 * mean * u;
        }
    },

    /**
     * Heavy-tailed: a Pareto distribution shifted to start at 0 (Lomax, shape 2), so most
     * datagrams get little jitter and a few get a lot, as on a busy shared link. Capped at
     * {@link #PARETO_CAP} times the mean (a sample beyond that would be a lost datagram in
     * practice), with the scale chosen so that the capped distribution's mean is exactly the
     * mean asked for.
     */
    PARETO {
        @Override
        public double sample(double u, double mean) {
            // Lomax(shape 2, scale s): x = s * ((1-u)^(-1/2) - 1), capped at c = CAP * mean.
            // E[min(x, c)] = s * c / (s + c); setting it to the mean gives s = mean * c / (c - mean).
            double scale = mean * PARETO_CAP / (PARETO_CAP - 1);
            double x = scale * (1 / Math.sqrt(1 - u) - 1);
            return Math.min(x, PARETO_CAP * mean);
        }
    };

    /** The Pareto jitter never exceeds this many times its mean. */
    public static final double PARETO_CAP = 20;

    /**
     * @param u    a uniform random number in [0, 1)
     * @param mean the mean of the distribution, at least 0
     * @return a value from 0 up, in the unit of {@code mean}
     */
    public abstract double sample(double u, double mean);

    /** @return the name as {@code --jitter-dist} takes it */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code --jitter-dist}.
     *
     * @throws ConfigException naming the flag and the accepted values
     */
    public static JitterDistribution parse(String text) {
        for (JitterDistribution d : values()) {
            if (d.flagValue().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return d;
            }
        }
        throw new ConfigException("--jitter-dist", "must be uniform or pareto (got '" + text + "')");
    }
}
