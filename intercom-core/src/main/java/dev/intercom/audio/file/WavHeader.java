package dev.intercom.audio.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The RIFF/WAVE layout in one place: writing the canonical 44-byte header of a 16-bit PCM file,
 * and finding the format and data chunks of any WAV file without reading its samples.
 */
final class WavHeader {

    /** Bytes in the canonical header written here; the samples start right after it. */
    static final int SIZE = 44;
    /** Where the RIFF chunk size (file length - 8) lives. */
    static final int RIFF_SIZE_OFFSET = 4;
    /** Where the data chunk size lives. */
    static final int DATA_SIZE_OFFSET = 40;
    /** RIFF sizes are unsigned 32-bit, and the RIFF size counts 36 header bytes too. */
    static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - (SIZE - 8);

    static final int FORMAT_PCM = 1;
    static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private static final int BITS_PER_SAMPLE = 16;

    private WavHeader() {
    }

    /**
     * Puts the 44-byte header of a 16-bit PCM file holding {@code dataBytes} bytes of samples
     * into {@code dst} at its position, little-endian whatever {@code dst}'s order.
     */
    static void put(ByteBuffer dst, int sampleRate, int channels, long dataBytes) {
        ByteOrder order = dst.order();
        dst.order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * BITS_PER_SAMPLE / 8;
        dst.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
        dst.putInt((int) (dataBytes + SIZE - 8));
        dst.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        dst.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
        dst.putInt(16);
        dst.putShort((short) FORMAT_PCM);
        dst.putShort((short) channels);
        dst.putInt(sampleRate);
        dst.putInt(sampleRate * blockAlign);
        dst.putShort((short) blockAlign);
        dst.putShort((short) BITS_PER_SAMPLE);
        dst.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
        dst.putInt((int) dataBytes);
        dst.order(order);
    }

    /**
     * Where a WAV file's samples are and what they look like.
     *
     * @param formatTag     1 for integer PCM, 3 for float, 6/7 for a-law/u-law (extensible resolved)
     * @param channels      interleaved channels
     * @param sampleRate    frames per second
     * @param blockAlign    bytes per frame
     * @param bitsPerSample bits per sample
     * @param dataOffset    file offset of the first sample byte
     * @param dataBytes     sample bytes actually present (a size field past the end is clamped)
     */
    record Layout(int formatTag, int channels, int sampleRate, int blockAlign, int bitsPerSample,
            long dataOffset, long dataBytes) {

        /** The highest sample rate believed: above any real card's 768 kHz is a broken header. */
        static final int MAX_RATE = 768_000;
        /** The most channels believed (WAV allows 65535; no recording has that many). */
        static final int MAX_CHANNELS = 256;

        /**
         * Checks the values a reader divides and multiplies by, so a broken header fails before
         * the session starts rather than in the capture thread (a rate of 0 was a division by
         * zero there, issue 13).
         *
         * @return what is wrong, e.g. {@code "sample rate 0 Hz (allowed 1..768000)"}, or null if
         *     the rate, channels, bits and block align are consistent
         */
        String fault() {
            if (sampleRate <= 0 || sampleRate > MAX_RATE) {
                return "sample rate " + Integer.toUnsignedString(sampleRate) + " Hz (allowed 1.." + MAX_RATE + ")";
            }
            if (channels < 1 || channels > MAX_CHANNELS) {
                return channels + " channels (allowed 1.." + MAX_CHANNELS + ")";
            }
            if (bitsPerSample < 8 || bitsPerSample > 64 || bitsPerSample % 8 != 0) {
                return bitsPerSample + " bits per sample (allowed 8, 16, 24, 32 or 64)";
            }
            int expected = channels * bitsPerSample / 8;
            if (blockAlign != expected) {
                return "block align " + blockAlign + " bytes (" + channels + " channels of " + bitsPerSample
                        + " bits need " + expected + ")";
            }
            return null;
        }

        /** @return whole frames present */
        long frames() {
            return blockAlign == 0 ? 0 : dataBytes / blockAlign;
        }

        /** @return e.g. {@code "format 3, 32-bit, 44100 Hz, 2 channels"} for messages */
        String describe() {
            String kind = switch (formatTag) {
                case FORMAT_PCM -> "PCM";
                case 3 -> "float";
                case 6 -> "a-law";
                case 7 -> "u-law";
                default -> "format " + formatTag;
            };
            return bitsPerSample + "-bit " + kind + ", " + sampleRate + " Hz, " + channels
                    + (channels == 1 ? " channel" : " channels");
        }
    }

    /**
     * Finds the format and data chunks of the WAV file open in {@code ch}.
     *
     * @throws IOException with a message naming {@code path} if it is not a readable WAV file
     */
    static Layout read(FileChannel ch, Path path) throws IOException {
        long fileSize = ch.size();
        ByteBuffer buf = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        if (readAt(ch, buf, 0, 12) < 12 || buf.getInt(0) != fourCc("RIFF")
                || buf.getInt(8) != fourCc("WAVE")) {
            throw new IOException(path + " is not a WAV file (no RIFF/WAVE header)");
        }
        int formatTag = -1;
        int channels = 0;
        int sampleRate = 0;
        int blockAlign = 0;
        int bits = 0;
        long pos = 12;
        while (pos + 8 <= fileSize) {
            readAt(ch, buf, pos, 8);
            int id = buf.getInt(0);
            long size = buf.getInt(4) & 0xFFFF_FFFFL;
            long body = pos + 8;
            if (id == fourCc("fmt ")) {
                int n = readAt(ch, buf, body, (int) Math.min(size, buf.capacity()));
                if (n < 16) {
                    throw new IOException(path + " is not a valid WAV file (format chunk too short)");
                }
                formatTag = buf.getShort(0) & 0xFFFF;
                channels = buf.getShort(2) & 0xFFFF;
                sampleRate = buf.getInt(4);
                blockAlign = buf.getShort(12) & 0xFFFF;
                bits = buf.getShort(14) & 0xFFFF;
                if (formatTag == FORMAT_EXTENSIBLE && n >= 26) {
                    // WAVE_FORMAT_EXTENSIBLE keeps the real format in the sub-format GUID's first bytes.
                    formatTag = buf.getShort(24) & 0xFFFF;
                }
            } else if (id == fourCc("data")) {
                if (formatTag < 0) {
                    throw new IOException(path + " is not a valid WAV file (data before format chunk)");
                }
                long present = Math.min(size, fileSize - body);
                return new Layout(formatTag, channels, sampleRate, blockAlign, bits, body, present);
            }
            // Chunks are padded to an even length.
            pos = body + size + (size & 1);
        }
        throw new IOException(path + " is not a valid WAV file (no "
                + (formatTag < 0 ? "format" : "data") + " chunk)");
    }

    private static int readAt(FileChannel ch, ByteBuffer buf, long position, int length)
            throws IOException {
        buf.clear().limit(length);
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int fourCc(String s) {
        return (s.charAt(0) & 0xFF) | (s.charAt(1) & 0xFF) << 8 | (s.charAt(2) & 0xFF) << 16
                | (s.charAt(3) & 0xFF) << 24;
    }
}
