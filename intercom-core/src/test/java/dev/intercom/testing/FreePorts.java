package dev.intercom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback UDP ports the OS says are free, for sessions that must know each other's port up
 * front. A port is handed out once per JVM: the OS may give the port it just freed to the next
 * ask (a party-line test once got the same port for two of its four peers).
 */
public final class FreePorts {

    /** Ports handed out so far in this JVM: a test suite asks for a few hundred at most. */
    private static final Set<Integer> GIVEN = new HashSet<>();
    private static final int TRIES = 100;

    private FreePorts() {
    }

    /** @return a UDP port on 127.0.0.1 that was free a moment ago and not handed out before */
    public static synchronized int udp() {
        for (int i = 0; i < TRIES; i++) {
            int port = bindAndRelease();
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("the OS gave only ports handed out before, " + TRIES + " times");
    }

    private static int bindAndRelease() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
