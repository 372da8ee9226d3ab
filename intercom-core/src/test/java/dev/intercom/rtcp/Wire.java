package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Test helper: RTCP datagrams spelled in hex, spaces ignored, so each case shows its bytes. */
final class Wire {

    private static final HexFormat HEX = HexFormat.of();

    private Wire() {
    }

    /** @return a buffer exactly as large as the datagram, so reading past it throws */
    static ByteBuf datagram(String hex) {
        return Unpooled.wrappedBuffer(HEX.parseHex(hex.replaceAll("\\s+", "")));
    }

    /** @return the readable bytes in lower-case hex, no spaces */
    static String hex(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        return HEX.formatHex(bytes);
    }

    /** @return {@code hex} with its spaces removed, to compare with {@link #hex(ByteBuf)} */
    static String compact(String hex) {
        return hex.replaceAll("\\s+", "").toLowerCase();
    }
}
