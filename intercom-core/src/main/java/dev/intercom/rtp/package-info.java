/**
 * RTP (RFC 3550) wire layer; the L16 payload's bytes (RFC 3551 section 4.5.11) are
 * {@link dev.intercom.codec.L16Codec}'s.
 *
 * <p>Headers are read and written in place at constant offsets ({@link dev.intercom.rtp.RtpHeader}
 * is a flyweight over a Netty {@code ByteBuf}); nothing here allocates per packet. The receive path
 * is {@link dev.intercom.rtp.RtpValidator#validate} then {@link dev.intercom.codec.L16Codec#decode};
 * the send path is {@link dev.intercom.rtp.RtpPacketizer#writePacket}.
 */
package dev.intercom.rtp;
