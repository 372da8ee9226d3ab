package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.UdpTransport;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.stats.SessionCounters;
import io.netty.buffer.ByteBuf;

/**
 * Sends each captured block to the peer as one RTP packet, L16 or Opus (SRTP-protected
 * with {@code --key}), from the socket we listen on. Datagram buffers come from Netty's pooled
 * allocator.
 */
final class RtpSender implements BlockSink {

    private final UdpTransport transport;
    private final RtpPacketizer packetizer;
    private final PeerFilter peer;
    private final SessionCounters counters;
    private final int frames;
    private final PayloadCodec codec;
    private final int timestampStep;
    private final int datagramBytes;
    private final SendProtection srtp;
    private final int capacity;

    RtpSender(UdpTransport transport, RtpPacketizer packetizer, PeerFilter peer, SessionCounters counters,
            StreamFormat format, int datagramBytes, SendProtection srtp, PayloadCodec codec) {
        this.transport = transport;
        this.packetizer = packetizer;
        this.peer = peer;
        this.counters = counters;
        this.frames = format.blockFrames();
        this.codec = codec;
        this.timestampStep = (int) ((long) format.blockFrames() * codec.clockRate() / format.sampleRate());
        this.datagramBytes = datagramBytes;
        this.srtp = srtp;
        this.capacity = datagramBytes + (srtp == null ? 0 : SendProtection.MAX_RTP_OVERHEAD);
        warmUp(format);
    }

    /**
     * Builds and discards one datagram before the capture clock starts: the first use of
     * Netty's allocator and our encoder loads and initialises their classes, which took about
     * 100 ms here, and a capture thread stalled that long sends its backlog in a burst.
     */
    private void warmUp(StreamFormat format) {
        ByteBuf scratch = transport.alloc().directBuffer(datagramBytes, datagramBytes);
        try {
            new RtpPacketizer(packetizer.payloadType(), 0, 0, 0)
                    .writePacket(scratch, new short[format.samplesPerBlock()], frames, codec, timestampStep);
        } finally {
            scratch.release();
        }
    }

    @Override
    public void accept(short[] block, long nowNanos) {
        ByteBuf datagram = transport.alloc().directBuffer(capacity, capacity);
        packetizer.writePacket(datagram, block, frames, codec, timestampStep);
        if (srtp != null) {
            srtp.protectRtp(datagram);
        }
        int bytes = datagram.readableBytes();
        if (transport.send(datagram, peer.sendTarget())) {
            counters.sent(bytes);
        } else {
            counters.socketError();
        }
    }
}
