package dev.intercom.srtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Test helper: packets and keys written as hex, so each test shows its exact bytes. */
final class Bytes {

    private Bytes() {
    }

    /** @return the bytes of {@code hex}, ignoring whitespace */
    static byte[] hex(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** @return lower-case hex of {@code bytes} without spaces */
    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    /** @return the buffer's readable bytes as lower-case hex; the buffer is not changed */
    static String hex(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return hex(bytes);
    }

    /** @return a heap buffer holding {@code hex} with {@code spare} writable bytes after it */
    static ByteBuf buffer(String hex, int spare) {
        byte[] bytes = hex(hex);
        ByteBuf buf = Unpooled.buffer(bytes.length + spare, bytes.length + spare);
        return buf.writeBytes(bytes);
    }

    /** @return a copy of {@code bytes} in a heap buffer with {@code spare} room after it */
    static ByteBuf buffer(byte[] bytes, int spare) {
        ByteBuf buf = Unpooled.buffer(bytes.length + spare, bytes.length + spare);
        return buf.writeBytes(bytes);
    }

    /** @return the buffer's readable bytes */
    static byte[] readable(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }
}
