package dev.intercom.audio;

/**
 * Latency the devices add beyond what their lines show: audio a sound server holds for our
 * capture stream before the line sees it, and audio it holds after our playback line's position
 * says it was played. Read by the statistics thread; NaN while unknown.
 */
public interface HiddenLatency extends AutoCloseable {

    /** No hidden latency known: file and tone I/O, or no sound server to ask. */
    HiddenLatency NONE = new HiddenLatency() {
        @Override
        public double captureMs() {
            return Double.NaN;
        }

        @Override
        public double playbackMs() {
            return Double.NaN;
        }
    };

    /** @return how long captured audio waits before the capture line shows it, ms; NaN if unknown */
    double captureMs();

    /** @return how long played audio waits after the playback line's position passed it, ms; NaN if unknown */
    double playbackMs();

    /** Stops measuring; the figures keep their last values. */
    @Override
    default void close() {
    }
}
