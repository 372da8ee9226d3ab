package dev.intercom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Loopback UDP ports the OS says are free, for sessions that must know each other's port up front. */
public final class FreePorts {

    private FreePorts() {
    }

    /** @return a UDP port on 127.0.0.1 that was free a moment ago */
    public static int udp() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
