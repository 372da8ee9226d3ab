package dev.intercom.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Test helper: datagrams written as hex, so each test case shows its exact bytes. */
public final class Hex {

    private Hex() {
    }

    /** @return the bytes of {@code hex}, ignoring spaces; "00*59" repeats a byte 59 times */
    public static byte[] bytes(String hex) {
        StringBuilder expanded = new StringBuilder();
        for (String token : hex.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int star = token.indexOf('*');
            if (star < 0) {
                expanded.append(token);
            } else {
                expanded.append(token.substring(0, star).repeat(
                        Integer.parseInt(token.substring(star + 1))));
            }
        }
        String digits = expanded.toString();
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /**
     * @return a buffer whose capacity is exactly the datagram, so any read outside it throws
     */
    public static ByteBuf exact(String hex) {
        return Unpooled.wrappedBuffer(bytes(hex));
    }

    /** @return the buffer's readable bytes as lower-case hex without spaces */
    public static String of(ByteBuf buf) {
        StringBuilder sb = new StringBuilder();
        for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
            sb.append(String.format("%02x", buf.getUnsignedByte(i)));
        }
        return sb.toString();
    }
}
