package dev.intercom.net;

import dev.intercom.thread.IntercomThread;
import dev.intercom.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's one UDP socket, used both to receive and to send, so the peer sees our stream come
 * from the port it sends to (symmetric RTP, which also opens most NATs). Built for the fewest
 * wake-ups and no garbage per datagram:
 *
 * <ul>
 *   <li>either one thread of its own ({@code intercom-net}) blocks in {@code receive} and hands
 *       each datagram, with its arrival time taken the moment it returns, to a {@link Receiver} on
 *       that thread: one wake-up per datagram; or, opened {@linkplain #openPolled polled}, no
 *       thread at all: the session's one clocked audio thread takes what has arrived on each tick
 *       ({@link #receiveWaiting()}), so a block costs one wake-up, not two, and the peer's send
 *       finds no sleeper to wake. Either way the buffer and its {@link ByteBuf} view are reused
 *       (the JDK also reuses the sender's address while it stays the same);</li>
 *   <li>{@link #send(ByteBuffer, InetSocketAddress)} sends on the caller's thread, so the capture
 *       thread puts its packet on the wire itself: no task for another thread, nothing to wake
 *       (the JDK keeps the last destination's native address);</li>
 *   <li>an IPv4 socket when the peer and the bound address are IPv4, so no address is mapped to
 *       or from IPv6 on the way.</li>
 * </ul>
 *
 * Timers (RTCP reports, DTLS prompts) run on a separate single thread, {@link #timers()}.
 * Datagrams are marked DSCP EF (expedited forwarding) so routers that honour it queue them first.
 */
public final class MediaSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSocket.class);

    /** Large enough for any UDP datagram, so nothing is ever truncated before validation. */
    private static final int MAX_DATAGRAM = 65_536;
    /** Kernel receive buffer: absorbs bursts while the receive thread is descheduled. */
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    /** Takes each datagram on the receive thread. */
    public interface Receiver {
        /**
         * One datagram. {@code content} is valid only during the call (the buffer is reused).
         *
         * @param arrivalNanos the clock when {@code receive} returned
         */
        void datagram(ByteBuf content, InetSocketAddress sender, long arrivalNanos);

        /** A socket error that did not close the socket; receiving goes on. */
        void socketError(Throwable cause);
    }

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final boolean ipv4;
    private final Receiver receiver;
    private final NanoClock clock;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final ByteBuf received = Unpooled.wrappedBuffer(receiveBuffer);
    private final ScheduledThreadPoolExecutor timers;
    private final Thread receiveThread;
    private volatile boolean closed;
    /** For a polled socket: the kernel's arrival time of each datagram, or null to read the clock. */
    private KernelArrival kernelArrival;

    private MediaSocket(DatagramChannel channel, boolean ipv4, Receiver receiver, NanoClock clock)
            throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.ipv4 = ipv4;
        this.receiver = receiver;
        this.clock = clock;
        this.timers = new ScheduledThreadPoolExecutor(1, IntercomThread.TIMERS.factory());
        timers.setRemoveOnCancelPolicy(true);
        this.receiveThread = IntercomThread.NET.newThread(this::receiveLoop);
    }

    /**
     * Binds the socket and starts receiving into {@code receiver}.
     *
     * @param local    the address to bind; port 0 picks a free port
     * @param peer     the peer we talk to: an IPv4 peer and an IPv4 (or unspecified) local address get
     *                 an IPv4-only socket
     * @param receiver takes each datagram on the receive thread
     * @param clock    the arrival time of each datagram
     * @throws TransportException with a message for the user if the port is busy or the address is not ours
     */
    public static MediaSocket open(InetSocketAddress local, InetSocketAddress peer, Receiver receiver,
            NanoClock clock) {
        MediaSocket socket = bind(local, peer, receiver, clock);
        socket.receiveThread.start();
        return socket;
    }

    /**
     * Binds a non-blocking socket without a receive thread: its owner calls {@link
     * #receiveWaiting()} on each tick of its clock. The arrival time of each datagram is the
     * kernel's, where Linux tells it ({@link KernelArrival}, on the system clock); else the clock
     * when it was taken, up to one tick after it came.
     *
     * @see #open(InetSocketAddress, InetSocketAddress, Receiver, NanoClock)
     */
    public static MediaSocket openPolled(InetSocketAddress local, InetSocketAddress peer, Receiver receiver,
            NanoClock clock) {
        MediaSocket socket = bind(local, peer, receiver, clock);
        try {
            socket.channel.configureBlocking(false);
        } catch (IOException e) {
            socket.close();
            throw UdpTransport.bindFailure(local, e);
        }
        // Exact arrival times from the kernel where it tells them; they are on System.nanoTime().
        socket.kernelArrival = clock == NanoClock.SYSTEM
                ? KernelArrival.forSocket(socket.local.getPort(), socket.ipv4) : null;
        return socket;
    }

    private static MediaSocket bind(InetSocketAddress local, InetSocketAddress peer, Receiver receiver,
            NanoClock clock) {
        boolean wildcard = local.getAddress() == null || local.getAddress().isAnyLocalAddress();
        boolean ipv4 = peer.getAddress() instanceof Inet4Address
                && (wildcard || local.getAddress() instanceof Inet4Address);
        ProtocolFamily family = ipv4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(family);
            channel.setOption(StandardSocketOptions.IP_TOS, UdpTransport.DSCP_EF_TOS);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            // A wildcard given as "::" (Java's default) binds 0.0.0.0 on an IPv4 socket.
            channel.bind(ipv4 && wildcard ? new InetSocketAddress(InetAddress.getByAddress(new byte[4]), local.getPort())
                    : local);
            return new MediaSocket(channel, ipv4, receiver, clock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the bind failure is what the user needs to hear
                }
            }
            throw UdpTransport.bindFailure(local, e);
        }
    }

    private void receiveLoop() {
        while (!closed && receiveOne() != Received.CLOSED) {
            // each datagram went to the receiver
        }
    }

    /**
     * Takes every datagram that has arrived, without waiting, and hands each to the receiver on
     * the calling thread. For a socket opened {@linkplain #openPolled polled}; one thread at a time.
     *
     * @return how many datagrams were taken
     */
    public int receiveWaiting() {
        int taken = 0;
        // An error ends this tick's turn as well: the next tick takes what is left.
        while (!closed && receiveOne() == Received.DATAGRAM) {
            taken++;
        }
        return taken;
    }

    /** What one {@link #receiveOne()} did. */
    private enum Received { DATAGRAM, NOTHING, ERROR, CLOSED }

    private Received receiveOne() {
        InetSocketAddress sender;
        try {
            receiveBuffer.clear();
            sender = (InetSocketAddress) channel.receive(receiveBuffer);
        } catch (ClosedChannelException e) {
            return Received.CLOSED; // closed, or interrupted: both end the socket
        } catch (IOException e) {
            if (closed) {
                return Received.CLOSED;
            }
            receiver.socketError(e);
            return Received.ERROR;
        }
        long arrival = clock.nanoTime();
        if (sender == null) {
            return Received.NOTHING; // nothing waiting (non-blocking), or a spurious wake-up
        }
        if (kernelArrival != null) {
            arrival = kernelArrival.arrivalNanos(arrival);
        }
        received.setIndex(0, receiveBuffer.position());
        try {
            receiver.datagram(received, sender, arrival);
        } catch (RuntimeException e) {
            receiver.socketError(e); // one bad datagram must not end reception
        }
        return Received.DATAGRAM;
    }

    /** @return the address actually bound (with the chosen port if 0 was asked for) */
    public InetSocketAddress localAddress() {
        return local;
    }

    /** @return whether the socket is IPv4-only (else IPv6, which also reaches IPv4 peers) */
    public boolean ipv4() {
        return ipv4;
    }

    /** @return the thread for timers beside the receive path (RTCP reports, DTLS prompts) */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /**
     * Sends one datagram on the calling thread, now: the bytes between {@code datagram}'s
     * position and limit. Allocates nothing when {@code to} is the destination of the last send.
     *
     * @return {@code false} if the socket is closed or the kernel refused the datagram (its send
     *     buffer full, the network unreachable); the caller counts it
     */
    public boolean send(ByteBuffer datagram, InetSocketAddress to) {
        try {
            return channel.send(datagram, to) > 0;
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("send failed: {}", e.toString());
            }
            return false;
        }
    }

    /**
     * Sends one datagram on the calling thread and releases {@code payload}. For the occasional
     * packet (RTCP, DTLS), which may allocate.
     *
     * @return as {@link #send(ByteBuffer, InetSocketAddress)}
     */
    public boolean send(ByteBuf payload, InetSocketAddress to) {
        try {
            return send(payload.nioBuffer(), to);
        } finally {
            payload.release();
        }
    }

    /** Stops the timers, closes the socket and waits briefly for the receive thread to end. */
    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        try {
            channel.close(); // wakes the receive thread blocked in receive()
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
        try {
            receiveThread.join(TimeUnit.SECONDS.toMillis(2));
            timers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.debug("socket closed");
    }
}
