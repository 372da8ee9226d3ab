package dev.intercom.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import org.bouncycastle.tls.DatagramTransport;

/** Test helper: BouncyCastle's datagram interface on a connected loopback socket. */
final class SocketTransport implements DatagramTransport {

    private final DatagramSocket socket;

    SocketTransport(DatagramSocket socket) {
        this.socket = socket;
    }

    @Override
    public int getReceiveLimit() {
        return 1500;
    }

    @Override
    public int getSendLimit() {
        return 1200;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        socket.setSoTimeout(Math.max(1, waitMillis));
        DatagramPacket p = new DatagramPacket(buf, off, len);
        try {
            socket.receive(p);
            return p.getLength();
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        socket.send(new DatagramPacket(buf, off, len));
    }

    @Override
    public void close() {
        // the test owns the socket
    }
}
