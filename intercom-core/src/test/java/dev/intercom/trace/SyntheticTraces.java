package dev.intercom.trace;

import java.util.SplittableRandom;

/**
 * Example network traces made from simple, seeded models, so every figure quoted for them can
 * be reproduced: {@code main} writes the shipped ones into {@code traces/}.
 */
public final class SyntheticTraces {

    private static final int RATE = 48_000;
    private static final int BLOCK = 128;
    private static final double PERIOD_MS = BLOCK * 1000.0 / RATE;

    private SyntheticTraces() {
    }

    /** A one-way delay model: the arrival time of the packet sent at {@code sendMs}, or NaN if lost. */
    interface Link {
        double arrive(int index, double sendMs);
    }

    /** @return a trace of {@code seconds} of 128-frame packets at 48 kHz through {@code link} */
    public static Trace make(double seconds, double senderSkewPpm, Link link) {
        int n = (int) Math.round(seconds * 1000 / PERIOD_MS);
        long[] seq = new long[n];
        double[] send = new double[n];
        double[] arrival = new double[n];
        for (int i = 0; i < n; i++) {
            seq[i] = i;
            send[i] = i * PERIOD_MS; // from the RTP timestamp: the sender's own clock
            double realSend = (i + 1) * PERIOD_MS / (1 + senderSkewPpm / 1e6); // sent once captured
            arrival[i] = link.arrive(i, realSend);
        }
        return new Trace(seq, send, arrival);
    }

    /** A quiet wired LAN: 0.3 ms away, a few tens of microseconds of jitter. */
    public static Trace lan() {
        SplittableRandom r = new SplittableRandom(1);
        return make(30, 0, (i, t) -> t + 0.3 + exponential(r, 0.03));
    }

    /** Wi-Fi: a couple of ms, heavy-tailed jitter, and every few seconds a 60-100 ms airtime stall. */
    public static Trace wifi() {
        SplittableRandom r = new SplittableRandom(2);
        double[] stallEnd = {Double.NEGATIVE_INFINITY};
        double[] lastArrival = {Double.NEGATIVE_INFINITY};
        return make(30, 0, (i, t) -> {
            if (r.nextDouble() < PERIOD_MS / 3000) {
                stallEnd[0] = t + 60 + 40 * r.nextDouble();
            }
            if (r.nextDouble() < 0.005) {
                return Double.NaN;
            }
            double jitter = r.nextDouble() < 0.9 ? exponential(r, 1.0) : pareto(r, 2.0, 1.5, 80);
            double arrival = Math.max(t, stallEnd[0]) + 2 + jitter;
            if (t < stallEnd[0]) {
                arrival = Math.max(arrival, lastArrival[0] + 0.05); // queued: drains in order
            }
            lastArrival[0] = arrival;
            return arrival;
        });
    }

    /** A lossy path: 20 ms away, 2 ms of jitter, 3% loss in bursts of 3 on average (Gilbert-Elliott). */
    public static Trace lossy() {
        SplittableRandom r = new SplittableRandom(3);
        boolean[] bad = {false};
        double meanBurst = 3;
        double loss = 0.03;
        double leaveBad = 1 / meanBurst;
        double enterBad = loss * leaveBad / (1 - loss);
        return make(30, 0, (i, t) -> {
            bad[0] = bad[0] ? r.nextDouble() >= leaveBad : r.nextDouble() < enterBad;
            return bad[0] ? Double.NaN : t + 20 + exponential(r, 2.0);
        });
    }

    /** A steady path (10 ms, 0.5 ms jitter) hit by 200 ms delay spikes at 10, 25 and 40 s. */
    public static Trace spikes() {
        SplittableRandom r = new SplittableRandom(4);
        double[] spikesAt = {10_000, 25_000, 40_000};
        double[] lastArrival = {Double.NEGATIVE_INFINITY};
        return make(60, 0, (i, t) -> {
            double arrival = t + 10 + exponential(r, 0.5);
            for (double s : spikesAt) {
                if (t >= s && t < s + 200) {
                    arrival = Math.max(arrival, s + 200 + 10 + 0.02 * (t - s) / PERIOD_MS);
                }
            }
            arrival = Math.max(arrival, lastArrival[0]); // a queue keeps the order
            lastArrival[0] = arrival;
            return arrival;
        });
    }

    /** A sender whose sound card runs 300 ppm fast, over a path with 1 ms of jitter. */
    public static Trace skew() {
        SplittableRandom r = new SplittableRandom(5);
        return make(60, 300, (i, t) -> t + 5 + exponential(r, 1.0));
    }

    private static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    private static double pareto(SplittableRandom r, double scale, double shape, double cap) {
        return Math.min(cap, scale / Math.pow(1 - r.nextDouble(), 1 / shape));
    }

    /** Writes the example traces into the folder given (default {@code traces}). */
    public static void main(String[] args) {
        java.nio.file.Path dir = java.nio.file.Path.of(args.length > 0 ? args[0] : "traces");
        lan().write(dir.resolve("lan.csv"));
        wifi().write(dir.resolve("wifi.csv"));
        lossy().write(dir.resolve("lossy.csv"));
        spikes().write(dir.resolve("spikes.csv"));
        skew().write(dir.resolve("skew.csv"));
    }
}
