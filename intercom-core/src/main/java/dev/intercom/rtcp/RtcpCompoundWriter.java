package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes one compound RTCP packet (RFC 3550 section 6.1) at a buffer's writer index, one part
 * at a time, keeping each part's count and length fields right as it grows:
 *
 * <pre>{@code
 * writer.begin(out)
 *       .senderReport(ssrc, ntp, rtpTimestamp, packets, octets)   // or receiverReport(ssrc)
 *       .reportBlock(peerSsrc, fraction, lost, highest, jitter, lsr, dlsr)   // 0..31 times
 *       .sdesCname(ssrc, "alice@host")
 *       .bye(ssrc, "quit");                                       // optional, last
 * int bytes = writer.finish();
 * }</pre>
 *
 * <p>The rules of a compound packet are enforced, because a peer following appendix A.2 drops
 * the whole datagram otherwise: it starts with an SR or RR, report blocks follow their report,
 * an SDES CNAME is included, and a BYE comes last. Breaking a rule is a caller bug and throws
 * {@link IllegalStateException}. No padding is ever written.
 *
 * <p>Allocates nothing once constructed (text is encoded straight into the buffer), though the
 * buffer grows as needed. Not thread-safe: one writer per sending thread.
 */
public final class RtcpCompoundWriter {

    private enum Stage { IDLE, REPORT, SDES, BYE }

    /** Bytes from a report block's start to its LSR field; its DLSR follows. */
    private static final int LSR_IN_BLOCK = 16;

    private ByteBuf out;
    private int start;
    private int packetStart;
    /** Whether the compound begins with an SR (else an RR). */
    private boolean senderReport;
    private Stage stage = Stage.IDLE;
    private boolean hasCname;

    /** Creates a writer that is not writing anything yet; call {@link #begin} first. */
    public RtcpCompoundWriter() {
    }

    /**
     * Starts a compound packet at {@code out}'s writer index, abandoning any unfinished one.
     *
     * @param out destination; grows as needed
     * @return this writer
     */
    public RtcpCompoundWriter begin(ByteBuf out) {
        this.out = out;
        this.start = out.writerIndex();
        this.packetStart = start;
        this.stage = Stage.IDLE;
        this.hasCname = false;
        return this;
    }

    /**
     * Appends a Sender Report with no report blocks yet; it must be the first packet.
     *
     * @param ssrc         the sender's SSRC, 0..2^32-1
     * @param ntpTimestamp 64-bit NTP time the report was made (see {@link NtpTime})
     * @param rtpTimestamp the same instant in the sender's RTP timestamp units, 0..2^32-1
     * @param packetCount  RTP data packets sent since the stream started; written modulo 2^32
     * @param octetCount   RTP payload octets sent since the stream started; written modulo 2^32
     * @return this writer
     * @throws IllegalStateException    if this is not the first packet of the compound
     * @throws IllegalArgumentException if the SSRC or RTP timestamp is out of range
     */
    public RtcpCompoundWriter senderReport(long ssrc, long ntpTimestamp, long rtpTimestamp,
            long packetCount, long octetCount) {
        requireFirst("a Sender Report");
        check32("SSRC", ssrc);
        check32("RTP timestamp", rtpTimestamp);
        startPacket(Rtcp.SR, Rtcp.SSRC_LENGTH + Rtcp.SENDER_INFO_LENGTH);
        out.writeInt((int) ssrc);
        out.writeLong(ntpTimestamp);
        out.writeInt((int) rtpTimestamp);
        // The RFC's counters wrap; the wire keeps their low 32 bits.
        out.writeInt((int) packetCount);
        out.writeInt((int) octetCount);
        stage = Stage.REPORT;
        senderReport = true;
        return this;
    }

    /**
     * Appends a Receiver Report with no report blocks yet; it must be the first packet.
     *
     * @param ssrc the reporter's SSRC, 0..2^32-1
     * @return this writer
     * @throws IllegalStateException    if this is not the first packet of the compound
     * @throws IllegalArgumentException if the SSRC is out of range
     */
    public RtcpCompoundWriter receiverReport(long ssrc) {
        requireFirst("a Receiver Report");
        check32("SSRC", ssrc);
        startPacket(Rtcp.RR, Rtcp.SSRC_LENGTH);
        out.writeInt((int) ssrc);
        stage = Stage.REPORT;
        senderReport = false;
        return this;
    }

    /**
     * Rewrites, in the compound last written, the fields that say when it was sent, just before
     * it is: the SR's NTP and RTP timestamps, and the DLSR of every report block that answers an
     * SR (LSR not 0), lengthened by the time since it was computed. A peer measures our round
     * trip from these, so whatever passes between making a report and sending it (the first
     * report's cold code took 7-48 ms here) would otherwise read as network delay.
     *
     * @param ntpTimestamp   64-bit NTP time of sending; ignored for an RR
     * @param rtpTimestamp   the same instant in RTP timestamp units, 0..2^32-1; ignored for an RR
     * @param sinceDlsrUnits 1/65536 s since the DLSRs were computed, 0 or more
     * @return this writer
     * @throws IllegalStateException if no report was written since {@link #begin}
     */
    public RtcpCompoundWriter restamp(long ntpTimestamp, long rtpTimestamp, long sinceDlsrUnits) {
        if (out == null || out.writerIndex() == start) {
            throw new IllegalStateException("restamp follows a written report");
        }
        check32("RTP timestamp", rtpTimestamp);
        int blocksAt = start + Rtcp.HEADER_LENGTH + Rtcp.SSRC_LENGTH;
        if (senderReport) {
            out.setLong(blocksAt, ntpTimestamp);
            out.setInt(blocksAt + Long.BYTES, (int) rtpTimestamp);
            blocksAt += Rtcp.SENDER_INFO_LENGTH;
        }
        int blocks = out.getUnsignedByte(start) & Rtcp.COUNT_MASK;
        for (int i = 0; i < blocks; i++) {
            int lsrAt = blocksAt + i * Rtcp.REPORT_BLOCK_LENGTH + LSR_IN_BLOCK;
            if (out.getInt(lsrAt) != 0) {
                long dlsr = Math.min(0xFFFF_FFFFL, out.getUnsignedInt(lsrAt + Integer.BYTES) + Math.max(0, sinceDlsrUnits));
                out.setInt(lsrAt + Integer.BYTES, (int) dlsr);
            }
        }
        return this;
    }

    /**
     * Appends a report block to the SR or RR just written and raises its report count.
     *
     * @param sourceSsrc              SSRC of the source reported on, 0..2^32-1
     * @param fractionLost            packets lost since the last report, in 1/256, 0..255
     * @param cumulativeLost          packets lost since the start; clamped into the signed 24-bit
     *                                range -8388608..8388607 (RFC 3550 appendix A.3)
     * @param extendedHighestSequence cycles and highest sequence number; written modulo 2^32
     * @param jitter                  interarrival jitter in RTP timestamp units, 0..2^32-1
     * @param lastSenderReport        LSR: middle 32 bits of the last SR's NTP time, or 0
     * @param delaySinceLastSenderReport DLSR in 1/65536 s, 0..2^32-1, or 0 with no SR
     * @return this writer
     * @throws IllegalStateException    if no SR or RR precedes it, or it already holds 31 blocks
     * @throws IllegalArgumentException if a field is out of its range
     */
    public RtcpCompoundWriter reportBlock(long sourceSsrc, int fractionLost, long cumulativeLost,
            long extendedHighestSequence, long jitter, long lastSenderReport,
            long delaySinceLastSenderReport) {
        if (stage != Stage.REPORT) {
            throw new IllegalStateException(
                    "a report block must follow a Sender or Receiver Report or another block");
        }
        int count = out.getUnsignedByte(packetStart) & Rtcp.COUNT_MASK;
        if (count == Rtcp.MAX_REPORT_BLOCKS) {
            throw new IllegalStateException("an SR or RR holds at most 31 report blocks");
        }
        check32("source SSRC", sourceSsrc);
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost must be 0..255, got " + fractionLost);
        }
        check32("jitter", jitter);
        check32("LSR", lastSenderReport);
        check32("DLSR", delaySinceLastSenderReport);
        out.writeInt((int) sourceSsrc);
        // Fraction in the top byte, the 24-bit two's complement count below it.
        out.writeInt(fractionLost << 24 | (ReportBlockBuilder.clampCumulativeLost(cumulativeLost)
                & 0xFF_FFFF));
        out.writeInt((int) extendedHighestSequence);
        out.writeInt((int) jitter);
        out.writeInt((int) lastSenderReport);
        out.writeInt((int) delaySinceLastSenderReport);
        out.setByte(packetStart, out.getUnsignedByte(packetStart) + 1);
        updateLength();
        return this;
    }

    /**
     * Appends an SDES packet with one chunk holding the CNAME item; it must follow the report.
     *
     * @param ssrc  SSRC the name belongs to, 0..2^32-1
     * @param cname the canonical name, 1..255 bytes in UTF-8 (e.g. {@code user@host})
     * @return this writer
     * @throws IllegalStateException    if no SR or RR precedes it, or an SDES or BYE already did
     * @throws IllegalArgumentException if the SSRC or the name's length is out of range
     */
    public RtcpCompoundWriter sdesCname(long ssrc, CharSequence cname) {
        if (stage != Stage.REPORT) {
            throw new IllegalStateException(
                    "the SDES CNAME must come once, after the Sender or Receiver Report");
        }
        check32("SSRC", ssrc);
        int textLength = ByteBufUtil.utf8Bytes(cname);
        if (textLength < 1 || textLength > Rtcp.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "CNAME must be 1..255 bytes of UTF-8, got " + textLength);
        }
        startPacket(Rtcp.SDES, 0);
        out.setByte(packetStart, out.getUnsignedByte(packetStart) | 1); // one chunk
        out.writeInt((int) ssrc);
        out.writeByte(Rtcp.SDES_CNAME);
        out.writeByte(textLength);
        ByteBufUtil.writeUtf8(out, cname);
        // The item list ends with at least one null octet, then nulls up to a word boundary.
        writeZerosToWord(1);
        updateLength();
        hasCname = true;
        stage = Stage.SDES;
        return this;
    }

    /**
     * Appends a BYE for one SSRC, optionally with a reason; nothing may follow it.
     *
     * @param ssrc   the SSRC leaving, 0..2^32-1
     * @param reason why, 0..255 bytes of UTF-8, or {@code null} for none
     * @return this writer
     * @throws IllegalStateException    if no report precedes it or a BYE already did
     * @throws IllegalArgumentException if the SSRC or the reason's length is out of range
     */
    public RtcpCompoundWriter bye(long ssrc, CharSequence reason) {
        if (stage == Stage.IDLE || stage == Stage.BYE) {
            throw new IllegalStateException("a BYE must come once, after the report, and last");
        }
        check32("SSRC", ssrc);
        int reasonLength = reason == null ? 0 : ByteBufUtil.utf8Bytes(reason);
        if (reasonLength > Rtcp.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "BYE reason must be at most 255 bytes of UTF-8, got " + reasonLength);
        }
        startPacket(Rtcp.BYE, Rtcp.SSRC_LENGTH);
        out.setByte(packetStart, out.getUnsignedByte(packetStart) | 1); // one SSRC
        out.writeInt((int) ssrc);
        if (reason != null) {
            out.writeByte(reasonLength);
            ByteBufUtil.writeUtf8(out, reason);
            writeZerosToWord(0);
            updateLength();
        }
        stage = Stage.BYE;
        return this;
    }

    /**
     * Ends the compound packet; the buffer's writer index is just past it.
     *
     * @return bytes in the compound packet, a multiple of 4
     * @throws IllegalStateException if there is no report or no SDES CNAME
     */
    public int finish() {
        if (stage == Stage.IDLE) {
            throw new IllegalStateException("a compound RTCP packet needs a Sender or Receiver Report");
        }
        if (!hasCname) {
            throw new IllegalStateException("a compound RTCP packet needs an SDES CNAME");
        }
        stage = Stage.IDLE;
        return out.writerIndex() - start;
    }

    private void requireFirst(String what) {
        if (out == null) {
            throw new IllegalStateException("call begin(buffer) before writing " + what);
        }
        if (stage != Stage.IDLE || out.writerIndex() != start) {
            throw new IllegalStateException(what + " must be the first packet of the compound");
        }
    }

    /** Writes a common header with count 0 and a length covering {@code bodyBytes}. */
    private void startPacket(int packetType, int bodyBytes) {
        out.ensureWritable(Rtcp.HEADER_LENGTH + bodyBytes);
        packetStart = out.writerIndex();
        out.writeByte(Rtcp.VERSION << Rtcp.VERSION_SHIFT);
        out.writeByte(packetType);
        out.writeShort(bodyBytes / Rtcp.WORD);
    }

    /** Sets the current packet's length field to what has been written of it so far. */
    private void updateLength() {
        int words = (out.writerIndex() - packetStart) / Rtcp.WORD - 1;
        out.setShort(packetStart + Rtcp.LENGTH_OFFSET, words);
    }

    /** Writes at least {@code atLeast} zero bytes, then more up to the next word boundary. */
    private void writeZerosToWord(int atLeast) {
        int written = out.writerIndex() - packetStart + atLeast;
        int zeros = atLeast + (Rtcp.WORD - written % Rtcp.WORD) % Rtcp.WORD;
        out.writeZero(zeros);
    }

    private static void check32(String field, long value) {
        if ((value >>> 32) != 0) {
            throw new IllegalArgumentException(field + " must be 0..2^32-1, got " + value);
        }
    }
}
