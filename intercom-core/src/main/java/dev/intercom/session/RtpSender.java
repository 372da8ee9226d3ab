package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.MediaSocket;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.stats.SessionCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Sends each captured block to every peer as one RTP packet (the same datagram to each: one
 * stream, one SSRC, one sequence), L16 or Opus (SRTP-protected
 * with {@code --key}), from the socket we listen on, on the capture thread itself: no hand-off
 * to another thread and no wake-up. One datagram buffer, written in place for every packet,
 * so sending allocates nothing. With DTLS on a party line each peer agreed keys of its own: the
 * packet is then written once and sealed for each peer from a copy.
 */
final class RtpSender implements BlockSink {

    private final MediaSocket socket;
    private final RtpPacketizer packetizer;
    /** Where each peer wants our stream (its configured or latched address). */
    private final PeerFilter[] peers;
    private final SessionCounters counters;
    private final int frames;
    private final PayloadCodec codec;
    private final int timestampStep;
    /** Seals the one datagram for every peer ({@code --key}), or null (plain RTP, or {@link #each}). */
    private final SendProtection srtp;
    /** With DTLS on a party line: each peer's own keys, aligned with {@link #peers}; else null. */
    private final SendProtection[] each;
    /** The packet before sealing, copied into {@link #datagram} for each peer's seal; null unless {@link #each}. */
    private final ByteBuf plain;
    /** The one datagram buffer, and the view the packetizer and SRTP write through. */
    private final ByteBuffer wire;
    private final ByteBuf datagram;

    /**
     * @param protections what seals our stream for each peer, aligned with {@code peers}: the same
     *                    one for all ({@code --key}), each peer's own (DTLS), or nulls (plain RTP)
     */
    RtpSender(MediaSocket socket, RtpPacketizer packetizer, java.util.List<PeerFilter> peers,
            java.util.List<SendProtection> protections, SessionCounters counters, StreamFormat format,
            int datagramBytes, PayloadCodec codec) {
        this.socket = socket;
        this.packetizer = packetizer;
        this.peers = peers.toArray(new PeerFilter[0]);
        boolean shared = protections.stream().distinct().count() <= 1;
        SendProtection srtp = shared && !protections.isEmpty() ? protections.get(0) : null;
        this.each = shared ? null : protections.toArray(new SendProtection[0]);
        this.counters = counters;
        this.frames = format.blockFrames();
        this.codec = codec;
        this.timestampStep = (int) ((long) format.blockFrames() * codec.clockRate() / format.sampleRate());
        this.srtp = srtp;
        int capacity = datagramBytes + (srtp == null && each == null ? 0 : SendProtection.MAX_RTP_OVERHEAD);
        this.wire = ByteBuffer.allocateDirect(capacity);
        this.datagram = Unpooled.wrappedBuffer(wire);
        this.plain = each == null ? null : Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(capacity));
        warmUp(format);
    }

    /**
     * Builds and discards one datagram before the capture clock starts: the first use of
     * Netty's buffers and our encoder loads and initialises their classes, which took about
     * 100 ms here, and a capture thread stalled that long sends its backlog in a burst.
     */
    private void warmUp(StreamFormat format) {
        datagram.clear();
        new RtpPacketizer(packetizer.payloadType(), 0, 0, 0)
                .writePacket(datagram, new short[format.samplesPerBlock()], frames, codec, timestampStep);
        datagram.clear();
    }

    @Override
    public void accept(short[] block, long nowNanos) {
        datagram.clear();
        packetizer.writePacket(datagram, block, frames, codec, timestampStep);
        if (each != null) {
            sealForEach();
            return;
        }
        if (srtp != null) {
            srtp.protectRtp(datagram);
        }
        int bytes = datagram.readableBytes();
        // Sealed once, sent N times: sent_packets counts datagrams, so it is N per block.
        for (PeerFilter peer : peers) {
            java.net.InetSocketAddress target = peer.sendTarget();
            if (target == null) {
                continue; // answering any sender, and nobody has sent yet
            }
            wire.limit(datagram.writerIndex()).position(datagram.readerIndex());
            if (socket.send(wire, target)) {
                counters.sent(bytes);
            } else {
                counters.socketError();
            }
        }
    }

    @Override
    public void skip(long skipped) {
        packetizer.skip(skipped * timestampStep / frames); // in the codec's RTP clock
    }

    /** Seals a copy of the packet in {@link #datagram} with each peer's own keys and sends it there. */
    private void sealForEach() {
        plain.clear();
        plain.writeBytes(datagram, datagram.readerIndex(), datagram.readableBytes());
        for (int i = 0; i < peers.length; i++) {
            datagram.clear();
            datagram.writeBytes(plain, plain.readerIndex(), plain.readableBytes());
            each[i].protectRtp(datagram);
            int bytes = datagram.readableBytes();
            wire.limit(datagram.writerIndex()).position(datagram.readerIndex());
            if (socket.send(wire, peers[i].sendTarget())) {
                counters.sent(bytes);
            } else {
                counters.socketError();
            }
        }
    }
}
