package dev.intercom.measure;

/**
 * The measurement signal: a linear frequency sweep with raised-cosine edges. A sweep has one
 * sharp correlation peak (like noise) but every instant is a single steady tone, which Opus codes
 * well and which concealment and time-scaling, working by pitch periods, disturb little.
 */
public final class Chirp {

    /** How long one sweep lasts. */
    static final double SECONDS = 0.08;
    /** The lowest frequency swept, above most hum and below speech's fundamentals. */
    static final double LOW_HZ = 300;
    /** The highest: within what Opus codes at modest bit rates and what most cards pass. */
    static final double HIGH_HZ = 8_000;
    /** Each edge fades over this long, so the sweep starts and ends without a click. */
    static final double EDGE_SECONDS = 0.005;

    private final double[] shape;

    /** @param sampleRate frames per second */
    public Chirp(int sampleRate) {
        int frames = (int) Math.round(SECONDS * sampleRate);
        double high = Math.min(HIGH_HZ, 0.4 * sampleRate);
        int edge = (int) Math.round(EDGE_SECONDS * sampleRate);
        shape = new double[frames];
        double duration = (double) frames / sampleRate;
        for (int n = 0; n < frames; n++) {
            double t = (double) n / sampleRate;
            double phase = 2 * Math.PI * (LOW_HZ * t + (high - LOW_HZ) * t * t / (2 * duration));
            double fade = Math.min(1.0, Math.min(n, frames - 1 - n) / (double) edge);
            shape[n] = Math.sin(phase) * 0.5 * (1 - Math.cos(Math.PI * fade));
        }
    }

    /** @return the sweep at unit peak amplitude, for correlating against */
    public double[] shape() {
        return shape.clone();
    }

    /** @return the frames one sweep lasts */
    public int frames() {
        return shape.length;
    }

    /**
     * @param levelDbfs the peak level, {@code <= 0} dBFS
     * @return the sweep as 16-bit samples at that peak level
     */
    public short[] samples(double levelDbfs) {
        double peak = Short.MAX_VALUE * Math.pow(10, levelDbfs / 20);
        short[] out = new short[shape.length];
        for (int n = 0; n < out.length; n++) {
            out[n] = (short) Math.round(peak * shape[n]);
        }
        return out;
    }
}
