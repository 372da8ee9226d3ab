package dev.intercom.cli;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A hand-made RTP sender for the tests that play a peer speaking another dialect: any payload
 * type, any rate and channel count, a 1 kHz L16 tone paced in real time on loopback. It owns its
 * socket, so the peer under test can be pointed at its port; every run is bounded in packets.
 */
final class RawRtpSender implements AutoCloseable {

    private final DatagramSocket socket;

    RawRtpSender() throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** @return the port we send from: the peer under test's {@code --peer} */
    int port() {
        return socket.getLocalPort();
    }

    /**
     * Sends {@code packets} packets of {@code frames} frames each to {@code port}, one every
     * {@code frames / rate} seconds (sleeping to an absolute schedule, so a late wake-up does not
     * slow the stream down), the RTP timestamp stepping by {@code frames} as the sender's clock says.
     */
    void send(int port, int payloadType, int rate, int channels, int frames, int packets) throws IOException,
            InterruptedException {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        ByteBuffer buf = ByteBuffer.allocate(12 + frames * channels * 2);
        long start = System.nanoTime();
        long periodNanos = TimeUnit.SECONDS.toNanos(frames) / rate;
        for (int p = 0; p < packets; p++) {
            buf.clear();
            buf.put((byte) 0x80).put((byte) payloadType).putShort((short) p).putInt(1000 + p * frames).putInt(0x1234_5678);
            for (int f = 0; f < frames; f++) {
                short sample = (short) (8000 * Math.sin(2 * Math.PI * 1000 * (p * frames + f) / rate));
                for (int c = 0; c < channels; c++) {
                    buf.putShort(sample);
                }
            }
            socket.send(new DatagramPacket(buf.array(), buf.position(), to));
            long wait = start + (p + 1) * periodNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
