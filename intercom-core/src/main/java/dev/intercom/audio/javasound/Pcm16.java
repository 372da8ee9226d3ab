package dev.intercom.audio.javasound;

/**
 * Converts interleaved int16 samples to and from the little-endian bytes that the Java Sound
 * lines are opened with. Works in place on caller-owned arrays so the per-block path allocates
 * nothing.
 */
final class Pcm16 {

    private Pcm16() {
    }

    /** Writes {@code samples} samples from {@code src} as little-endian byte pairs into {@code dst}. */
    static void toLittleEndian(short[] src, int samples, byte[] dst) {
        for (int i = 0, b = 0; i < samples; i++, b += 2) {
            short s = src[i];
            dst[b] = (byte) s;
            dst[b + 1] = (byte) (s >> 8);
        }
    }

    /** Reads {@code samples} little-endian byte pairs from {@code src} into {@code dst}. */
    static void fromLittleEndian(byte[] src, short[] dst, int samples) {
        for (int i = 0, b = 0; i < samples; i++, b += 2) {
            dst[i] = (short) ((src[b] & 0xff) | (src[b + 1] << 8));
        }
    }
}
