package dev.intercom.cli;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * Test helper: one loopback port for a tool that receives on one port and sends from another.
 * gst-launch cannot make udpsink send from udpsrc's own socket, and two sockets bound to one
 * port share its datagrams at the kernel's whim; a peer that pins the address it talks to
 * (as intercom does) needs one address. This socket forwards what comes from {@code ours} to
 * the tool's receiving port and what comes from the tool's sending port back to {@code ours}.
 */
final class SymmetricPort implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread forwarder;

    /**
     * @param ours        the peer's address (intercom)
     * @param toolReceive the port the tool receives on
     * @param toolSend    the port the tool sends from
     */
    SymmetricPort(InetSocketAddress ours, int toolReceive, int toolSend) throws SocketException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        InetSocketAddress tool = new InetSocketAddress(loopback, toolReceive);
        this.forwarder = new Thread(() -> {
            byte[] buffer = new byte[65_536];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                    if (p.getPort() == toolSend) {
                        socket.send(new DatagramPacket(buffer, p.getLength(), ours));
                    } else if (p.getSocketAddress().equals(ours)) {
                        socket.send(new DatagramPacket(buffer, p.getLength(), tool));
                    }
                } catch (IOException e) {
                    return; // closed: the test is over
                }
            }
        }, "symmetric-port");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    /** @return the port the peer talks to */
    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        forwarder.join(1000);
    }
}
