package dev.intercom.session;

import dev.intercom.net.PeerFilter;
import dev.intercom.net.MediaSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's blocking datagram interface on top of the session's Netty socket, so DTLS
 * shares the media port (RFC 5764). The receive thread hands over DTLS records (first byte 20..63,
 * RFC 7983) with {@link #offer}, never blocking; the handshake thread takes them with
 * {@link #receive} and sends through the socket to wherever our media goes.
 */
final class DtlsDatagrams implements DatagramTransport {

    /** A handshake flight is a handful of records; more queued than this is a flood, dropped. */
    private static final int QUEUE = 64;
    /** The largest DTLS record we send: fits any path's MTU with room for IP and UDP headers. */
    private static final int SEND_LIMIT = 1200;
    private static final int RECEIVE_LIMIT = 2048;

    private final BlockingQueue<byte[]> incoming = new ArrayBlockingQueue<>(QUEUE);
    private final PeerFilter peer;
    private volatile MediaSocket transport;
    private volatile boolean closed;

    /** @param peer where our datagrams go ({@link PeerFilter#sendTarget()}) */
    DtlsDatagrams(PeerFilter peer) {
        this.peer = peer;
    }

    /** Sends through {@code socket} from now on: it is bound after the receive side is set up. */
    void sendThrough(MediaSocket socket) {
        this.transport = socket;
    }

    /** Takes a DTLS datagram from the receive thread (copied: the buffer is released after). */
    boolean offer(ByteBuf datagram) {
        return offer(copy(datagram));
    }

    /** Takes a datagram already copied out of its buffer. */
    boolean offer(byte[] datagram) {
        return incoming.offer(datagram);
    }

    /** @return the datagram's bytes, at most {@link #RECEIVE_LIMIT} */
    static byte[] copy(ByteBuf datagram) {
        byte[] copy = new byte[Math.min(datagram.readableBytes(), RECEIVE_LIMIT)];
        datagram.getBytes(datagram.readerIndex(), copy);
        return copy;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws InterruptedIOException {
        if (closed) {
            return -1;
        }
        byte[] datagram;
        try {
            datagram = incoming.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("DTLS receive interrupted");
        }
        if (datagram == null) {
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        MediaSocket socket = transport;
        if (!closed && socket != null) {
            socket.send(Unpooled.copiedBuffer(buf, off, len), peer.sendTarget());
        }
    }

    /** Stops receiving and sending; the socket itself belongs to the session. */
    @Override
    public void close() {
        closed = true;
    }
}
