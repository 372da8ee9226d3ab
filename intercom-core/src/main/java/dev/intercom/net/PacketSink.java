package dev.intercom.net;

import io.netty.buffer.ByteBuf;

/**
 * Where each valid RTP packet of the peer's stream goes once the receive handler has checked
 * it: decoded at once into the jitter buffer (L16, which keeps no state between packets), or
 * queued for the playout thread to decode in stream order (Opus). Called on the socket's receive thread:
 * must not block, and must copy what it keeps, because the datagram is released on return.
 */
@FunctionalInterface
public interface PacketSink {

    /**
     * @param ssrc         the packet's SSRC
     * @param sequence     its 16-bit sequence number
     * @param timestamp    its 32-bit RTP timestamp
     * @param packet       holds the payload; its indices are not moved
     * @param offset       absolute index of the payload's first byte
     * @param length       payload bytes
     * @param arrivalNanos when it arrived
     */
    void accept(long ssrc, int sequence, long timestamp, ByteBuf packet, int offset, int length, long arrivalNanos);
}
