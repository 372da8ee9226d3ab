package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Validates an untrusted compound RTCP packet (RFC 3550 appendix A.2) and, only if all of it
 * is sound, hands its parts to an {@link RtcpHandler} in wire order. Allocates nothing.
 *
 * <p>Three passes, so a handler never sees a part of a datagram that is later refused:
 * <ol>
 *   <li>the headers: version 2, an SR or RR first, every length inside the datagram, the
 *       lengths adding up to it exactly, padding only in the last packet and sane there;</li>
 *   <li>the bodies of the types we read: SR and RR long enough for their sender info and
 *       announced report blocks, SDES chunks and items inside their packet, BYE SSRC list and
 *       reason inside theirs (APP and any other type are skipped, as the RFC asks);</li>
 *   <li>the callbacks.</li>
 * </ol>
 * Bytes after an SR or RR's report blocks (profile-specific extensions) are allowed and ignored.
 * A missing SDES CNAME is not a rejection: senders that leave it out are merely non-compliant.
 *
 * <p>Not thread-safe: the flyweights it passes to the handler live in this object, so one parser
 * belongs to one thread (normally the Netty event loop).
 */
public final class RtcpParser {

    private final RtcpSenderInfo senderInfo = new RtcpSenderInfo();
    private final RtcpReportBlock reportBlock = new RtcpReportBlock();
    private final RtcpBye bye = new RtcpBye();

    /** Creates a parser with its own reusable flyweights. */
    public RtcpParser() {
    }

    /**
     * Validates the datagram in {@code buffer}'s readable bytes without calling anything.
     *
     * @param buffer holds one datagram between its reader and writer index; no index moves
     * @return {@code null} if the packet is accepted, otherwise the first reason it was refused
     */
    public RtcpRejection validate(ByteBuf buffer) {
        return parse(buffer, buffer.readerIndex(), buffer.readableBytes(), RtcpHandler.IGNORE);
    }

    /**
     * Validates the datagram in {@code buffer}'s readable bytes and, if it is accepted, visits it.
     *
     * @param buffer  holds one datagram between its reader and writer index; no index moves
     * @param handler receives the parts of an accepted packet
     * @return {@code null} if the packet is accepted, otherwise the first reason it was refused
     */
    public RtcpRejection parse(ByteBuf buffer, RtcpHandler handler) {
        return parse(buffer, buffer.readerIndex(), buffer.readableBytes(), handler);
    }

    /**
     * Validates one datagram and, if it is accepted, visits it. Neither index of {@code buffer}
     * moves.
     *
     * @param buffer  holds the datagram
     * @param offset  absolute index of the datagram's first byte
     * @param length  bytes in the datagram
     * @param handler receives the parts of an accepted packet
     * @return {@code null} if the packet is accepted, otherwise the first reason it was refused
     * @throws IllegalArgumentException if the range lies outside the buffer's capacity (a caller
     *                                  bug, not bad input)
     */
    public RtcpRejection parse(ByteBuf buffer, int offset, int length, RtcpHandler handler) {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length) {
            throw new IllegalArgumentException("datagram range " + offset + "+" + length
                    + " lies outside a buffer of capacity " + buffer.capacity());
        }
        RtcpRejection rejection = checkHeaders(buffer, offset, length);
        if (rejection == null) {
            rejection = checkBodies(buffer, offset, length);
        }
        if (rejection == null) {
            visit(buffer, offset, length, handler);
        }
        return rejection;
    }

    /** Pass 1: the common headers of every packet, after A.2. */
    private static RtcpRejection checkHeaders(ByteBuf buffer, int offset, int length) {
        if (length < Rtcp.MIN_COMPOUND_LENGTH) {
            return RtcpRejection.TOO_SHORT;
        }
        if (version(buffer, offset) != Rtcp.VERSION) {
            return RtcpRejection.BAD_VERSION;
        }
        int firstType = type(buffer, offset);
        if (firstType != Rtcp.SR && firstType != Rtcp.RR) {
            return RtcpRejection.FIRST_NOT_REPORT;
        }
        int end = offset + length;
        int at = offset;
        while (true) {
            // Lengths are at most 65536 words, so none of this overflows an int.
            int packetEnd = at + packetLength(buffer, at);
            if (packetEnd > end) {
                return RtcpRejection.LENGTH_OVERRUN;
            }
            if (packetEnd == end) {
                return checkPadding(buffer, at, end);
            }
            if (padding(buffer, at)) {
                return RtcpRejection.PADDING_NOT_LAST;
            }
            at = packetEnd;
            // What follows must be another version 2 header; else a length before was wrong.
            if (end - at < Rtcp.HEADER_LENGTH || version(buffer, at) != Rtcp.VERSION) {
                return RtcpRejection.LENGTH_MISMATCH;
            }
        }
    }

    /** The last packet may be padded; its count byte is the datagram's last byte. */
    private static RtcpRejection checkPadding(ByteBuf buffer, int last, int end) {
        if (!padding(buffer, last)) {
            return null;
        }
        int pad = buffer.getUnsignedByte(end - 1);
        if (pad == 0 || pad > end - last - Rtcp.HEADER_LENGTH) {
            return RtcpRejection.BAD_PADDING;
        }
        return null;
    }

    /** Pass 2: the bodies of the packet types we read, within their unpadded length. */
    private static RtcpRejection checkBodies(ByteBuf buffer, int offset, int length) {
        int end = offset + length;
        for (int at = offset; at < end; at += packetLength(buffer, at)) {
            int contentEnd = contentEnd(buffer, at, end);
            int count = count(buffer, at);
            RtcpRejection rejection;
            switch (type(buffer, at)) {
                case Rtcp.SR:
                    rejection = reportFits(at, contentEnd, Rtcp.SENDER_INFO_LENGTH, count);
                    break;
                case Rtcp.RR:
                    rejection = reportFits(at, contentEnd, 0, count);
                    break;
                case Rtcp.SDES:
                    rejection = sdesEnd(buffer, at, contentEnd, count, null) < 0
                            ? RtcpRejection.BAD_SDES : null;
                    break;
                case Rtcp.BYE:
                    rejection = byeFits(buffer, at, contentEnd, count);
                    break;
                default:
                    rejection = null;
                    break;
            }
            if (rejection != null) {
                return rejection;
            }
        }
        return null;
    }

    private static RtcpRejection reportFits(int at, int contentEnd, int senderInfo, int blocks) {
        int needed = Rtcp.HEADER_LENGTH + Rtcp.SSRC_LENGTH + senderInfo
                + blocks * Rtcp.REPORT_BLOCK_LENGTH;
        return at + needed > contentEnd ? RtcpRejection.TRUNCATED_REPORT : null;
    }

    private static RtcpRejection byeFits(ByteBuf buffer, int at, int contentEnd, int sources) {
        int reasonAt = at + Rtcp.HEADER_LENGTH + sources * Rtcp.SSRC_LENGTH;
        if (reasonAt > contentEnd) {
            return RtcpRejection.BAD_BYE;
        }
        if (reasonAt < contentEnd
                && reasonAt + 1 + buffer.getUnsignedByte(reasonAt) > contentEnd) {
            return RtcpRejection.BAD_BYE;
        }
        return null;
    }

    /**
     * Walks the chunks of an SDES packet, reporting each CNAME to {@code handler} if one is given.
     *
     * @return the index just past the last chunk, or -1 if a chunk or item runs past
     *         {@code contentEnd}
     */
    private static int sdesEnd(ByteBuf buffer, int at, int contentEnd, int chunks,
            RtcpHandler handler) {
        int chunk = at + Rtcp.HEADER_LENGTH;
        for (int c = 0; c < chunks; c++) {
            if (chunk + Rtcp.SSRC_LENGTH > contentEnd) {
                return -1;
            }
            long ssrc = buffer.getUnsignedInt(chunk);
            int item = chunk + Rtcp.SSRC_LENGTH;
            while (true) {
                if (item >= contentEnd) {
                    return -1; // no null octet to end the item list
                }
                int itemType = buffer.getUnsignedByte(item);
                if (itemType == Rtcp.SDES_END) {
                    break;
                }
                if (item + 2 > contentEnd) {
                    return -1;
                }
                int textLength = buffer.getUnsignedByte(item + 1);
                if (item + 2 + textLength > contentEnd) {
                    return -1;
                }
                if (handler != null && itemType == Rtcp.SDES_CNAME) {
                    handler.cname(ssrc, buffer, item + 2, textLength);
                }
                item += 2 + textLength;
            }
            // The null octet, then nulls to the next word boundary, end the chunk.
            int chunkEnd = at + roundUpToWord(item + 1 - at);
            if (chunkEnd > contentEnd) {
                return -1;
            }
            chunk = chunkEnd;
        }
        return chunk;
    }

    /** Pass 3: the callbacks, over a datagram proven sound. */
    private void visit(ByteBuf buffer, int offset, int length, RtcpHandler handler) {
        int end = offset + length;
        for (int at = offset; at < end; at += packetLength(buffer, at)) {
            int count = count(buffer, at);
            int body = at + Rtcp.HEADER_LENGTH;
            switch (type(buffer, at)) {
                case Rtcp.SR: {
                    long ssrc = buffer.getUnsignedInt(body);
                    int info = body + Rtcp.SSRC_LENGTH;
                    handler.senderReport(ssrc, senderInfo.wrap(buffer, info));
                    visitBlocks(buffer, info + Rtcp.SENDER_INFO_LENGTH, count, ssrc, handler);
                    break;
                }
                case Rtcp.RR: {
                    long ssrc = buffer.getUnsignedInt(body);
                    handler.receiverReport(ssrc);
                    visitBlocks(buffer, body + Rtcp.SSRC_LENGTH, count, ssrc, handler);
                    break;
                }
                case Rtcp.SDES:
                    sdesEnd(buffer, at, contentEnd(buffer, at, end), count, handler);
                    break;
                case Rtcp.BYE: {
                    int reasonAt = body + count * Rtcp.SSRC_LENGTH;
                    boolean hasReason = reasonAt < contentEnd(buffer, at, end);
                    handler.bye(bye.wrap(buffer, body, count,
                            hasReason ? reasonAt + 1 : -1,
                            hasReason ? buffer.getUnsignedByte(reasonAt) : 0));
                    break;
                }
                default:
                    break;
            }
        }
    }

    private void visitBlocks(ByteBuf buffer, int first, int blocks, long reporterSsrc,
            RtcpHandler handler) {
        for (int b = 0; b < blocks; b++) {
            handler.reportBlock(reporterSsrc,
                    reportBlock.wrap(buffer, first + b * Rtcp.REPORT_BLOCK_LENGTH));
        }
    }

    /** @return the end of a packet's content: its end, less padding if it is the padded last */
    private static int contentEnd(ByteBuf buffer, int at, int datagramEnd) {
        int packetEnd = at + packetLength(buffer, at);
        if (packetEnd == datagramEnd && padding(buffer, at)) {
            return packetEnd - buffer.getUnsignedByte(datagramEnd - 1);
        }
        return packetEnd;
    }

    private static int packetLength(ByteBuf buffer, int at) {
        return (buffer.getUnsignedShort(at + Rtcp.LENGTH_OFFSET) + 1) * Rtcp.WORD;
    }

    private static int version(ByteBuf buffer, int at) {
        return buffer.getUnsignedByte(at) >>> Rtcp.VERSION_SHIFT;
    }

    private static boolean padding(ByteBuf buffer, int at) {
        return (buffer.getUnsignedByte(at) & Rtcp.PADDING_BIT) != 0;
    }

    private static int count(ByteBuf buffer, int at) {
        return buffer.getUnsignedByte(at) & Rtcp.COUNT_MASK;
    }

    private static int type(ByteBuf buffer, int at) {
        return buffer.getUnsignedByte(at + Rtcp.PACKET_TYPE_OFFSET);
    }

    private static int roundUpToWord(int bytes) {
        return (bytes + Rtcp.WORD - 1) & -Rtcp.WORD;
    }
}
