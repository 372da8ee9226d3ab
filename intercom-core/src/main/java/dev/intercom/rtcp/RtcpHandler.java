package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Receives the parts of a compound RTCP packet that {@link RtcpParser} has validated in full,
 * in wire order. Every method does nothing by default, so a handler overrides only what it
 * uses. The flyweights and buffer ranges passed in are reused: read them during the call, and
 * copy what must outlive it.
 */
public interface RtcpHandler {

    /** A handler that ignores everything, for validating only. */
    RtcpHandler IGNORE = new RtcpHandler() { };

    /**
     * A Sender Report; its report blocks follow as {@link #reportBlock} calls.
     *
     * @param ssrc the sender's SSRC
     * @param info the sender info, valid during this call
     */
    default void senderReport(long ssrc, RtcpSenderInfo info) {
    }

    /**
     * A Receiver Report; its report blocks follow as {@link #reportBlock} calls.
     *
     * @param ssrc the reporter's SSRC
     */
    default void receiverReport(long ssrc) {
    }

    /**
     * One report block of the SR or RR just announced.
     *
     * @param reporterSsrc SSRC of the SR or RR that carries the block
     * @param block        the block, valid during this call
     */
    default void reportBlock(long reporterSsrc, RtcpReportBlock block) {
    }

    /**
     * A CNAME item of an SDES chunk (other SDES items are skipped).
     *
     * @param ssrc   the SSRC the name belongs to
     * @param buffer holds the name
     * @param offset absolute index of the name's first byte (UTF-8, not null-terminated)
     * @param length bytes of name, 0..255
     */
    default void cname(long ssrc, ByteBuf buffer, int offset, int length) {
    }

    /**
     * A BYE packet.
     *
     * @param bye its SSRCs and reason, valid during this call
     */
    default void bye(RtcpBye bye) {
    }
}
