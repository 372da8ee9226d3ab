package dev.intercom.net;

import dev.intercom.thread.IntercomThread;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The impairment relay's UDP socket on one Netty event loop thread, which receives, schedules
 * and sends (a peer's own socket is {@link MediaSocket}). Uses epoll where available, NIO
 * elsewhere (or when {@code -Dintercom.transport=nio}).
 * Datagrams are marked DSCP EF (expedited forwarding) so routers that honour it queue them first.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    /** IP_TOS for DSCP EF (46 << 2): low-latency forwarding, as VoIP phones mark their audio. */
    public static final int DSCP_EF_TOS = 0xB8;
    /** Large enough for any UDP datagram, so nothing is ever truncated before validation. */
    private static final int MAX_DATAGRAM = 65_536;
    /** Kernel receive buffer: absorbs bursts while the event loop is busy. */
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    private final EventLoopGroup group;
    private final Channel channel;

    private UdpTransport(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds the socket and starts receiving into {@code handler}.
     *
     * @param local   the address to bind; port 0 picks a free port
     * @param handler the pipeline's only handler; it receives {@link DatagramPacket}s on the event loop
     * @throws TransportException with a message for the user if the port is busy or the address is not ours
     */
    public static UdpTransport bind(InetSocketAddress local, ChannelHandler handler) {
        boolean useEpoll = Epoll.isAvailable() && !"nio".equals(System.getProperty("intercom.transport"));
        IoHandlerFactory io = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, IntercomThread.NET.factory(), io);
        Class<? extends DatagramChannel> type = useEpoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(type)
                .option(ChannelOption.IP_TOS, DSCP_EF_TOS)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(handler);
        try {
            Channel channel = bootstrap.bind(local).sync().channel();
            return new UdpTransport(group, channel);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw bindFailure(local, e);
        }
    }

    /** @return the one line a user reads when {@code local} cannot be bound */
    static TransportException bindFailure(InetSocketAddress local, Exception e) {
        String where = Addresses.format(local);
        String reason = String.valueOf(e.getMessage());
        if (e instanceof BindException || reason.contains("in use")) {
            if (reason.contains("in use")) {
                return new TransportException("UDP port " + local.getPort() + " is already in use (" + where
                        + "): stop the program using it, or pick another with --listen PORT (0 = any free port)", e);
            }
            return new TransportException("cannot listen on " + where + ": " + reason
                    + "; give an address this machine has with --listen, or just a port", e);
        }
        return new TransportException("cannot open a UDP socket on " + where + ": " + reason, e);
    }

    /** @return the address actually bound (with the chosen port if 0 was asked for) */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Closes the socket and stops the event loop, waiting briefly for it. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        LOG.debug("transport closed");
    }
}
