/**
 * RTP (RFC 3550) wire layer with an L16 payload (RFC 3551 section 4.5.11).
 *
 * <p>Headers are read and written in place at constant offsets ({@link dev.intercom.rtp.RtpHeader}
 * is a flyweight over a Netty {@code ByteBuf}); nothing here allocates per packet. The receive path
 * is {@link dev.intercom.rtp.RtpValidator#validate} then {@link dev.intercom.rtp.L16Codec#decode};
 * the send path is {@link dev.intercom.rtp.RtpPacketizer#writePacket}.
 */
package dev.intercom.rtp;
