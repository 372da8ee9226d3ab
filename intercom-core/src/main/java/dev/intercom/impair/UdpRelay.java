package dev.intercom.impair;

import dev.intercom.config.SocketAddressSpec;
import dev.intercom.net.Addresses;
import dev.intercom.net.TransportException;
import dev.intercom.net.UdpTransport;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP relay that impairs what it carries, to put between two peers on one machine. One
 * socket receives from both sides and sends to both, so each peer sees the other's stream
 * come from the relay's address: the first datagram from anyone but B latches that sender as
 * peer A; A's datagrams go to B (the {@code --forward} address) and B's go back to A. B's
 * datagrams before A is known, and anyone else's, are dropped and counted. Each direction has
 * its own {@link ImpairmentPipeline} and random stream; delivery runs on the socket's Netty
 * event loop, in due-time order, woken by its scheduler.
 */
public final class UdpRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpRelay.class);

    /** The most datagrams waiting in one direction; beyond it they are dropped as queue drops. */
    public static final int IN_FLIGHT_LIMIT = 16_384;
    /** The most payload bytes waiting in one direction. */
    public static final long IN_FLIGHT_BYTES = 64L << 20;

    private final RelayConfig config;
    private final InetSocketAddress forward;
    private final UdpTransport transport;
    private final RelayHandler handler;
    private final long startNanos;
    private volatile RelayStats.Snapshot finalSnapshot;
    private volatile double elapsedSeconds;

    private UdpRelay(RelayConfig config, InetSocketAddress forward, UdpTransport transport, RelayHandler handler,
            long startNanos) {
        this.config = config;
        this.forward = forward;
        this.transport = transport;
        this.handler = handler;
        this.startNanos = startNanos;
    }

    /**
     * Binds the socket and starts relaying.
     *
     * @param reportLines where the line of every {@code --stats-interval} goes
     * @throws TransportException with a message for the user if the port is busy or a host unknown
     */
    public static UdpRelay start(RelayConfig config, Consumer<String> reportLines) {
        InetSocketAddress forward = resolveForward(config.forward());
        InetSocketAddress local = Addresses.resolveListen(config.listen(), forward);
        long start = System.nanoTime();
        RelayHandler handler = new RelayHandler(config.impairment(), forward, start, IN_FLIGHT_LIMIT, IN_FLIGHT_BYTES,
                reportLines);
        UdpTransport transport = UdpTransport.bind(local, handler);
        UdpRelay relay = new UdpRelay(config, forward, transport, handler, start);
        ImpairmentConfig impairment = config.impairment();
        LOG.info("relay on {} for B {}: the first other sender becomes A", Addresses.format(transport.localAddress()),
                Addresses.format(forward));
        LOG.info("each direction: {}{}", impairment.describe(),
                impairment.seedGiven() ? "" : " (picked at random: --seed " + impairment.seed() + " repeats it)");
        handler.startReports(config.statsInterval());
        return relay;
    }

    private static InetSocketAddress resolveForward(SocketAddressSpec spec) {
        try {
            return new InetSocketAddress(InetAddress.getByName(spec.host()), spec.port());
        } catch (UnknownHostException e) {
            throw new TransportException("cannot resolve the host '" + spec.host()
                    + "' (--forward): check the name, or give an IP address such as 127.0.0.1:5004", e);
        }
    }

    /** @return the address the relay's socket is bound to (with the chosen port if 0 was asked for) */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /** @return peer B, resolved */
    public InetSocketAddress forwardAddress() {
        return forward;
    }

    /** @return peer A, once its first datagram has arrived */
    public Optional<InetSocketAddress> client() {
        return Optional.ofNullable(handler.client());
    }

    /** @return the counts so far (the final ones once closed); callable from any thread */
    public RelayStats.Snapshot snapshot() {
        RelayStats.Snapshot done = finalSnapshot;
        if (done != null) {
            return done;
        }
        EventExecutor loop = handler.executor();
        if (loop.inEventLoop()) {
            return handler.snapshot();
        }
        try {
            return loop.submit(handler::snapshot).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the relay's counts", e);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            RelayStats.Snapshot late = finalSnapshot;
            if (late != null) {
                return late;
            }
            throw new IllegalStateException("the relay's event loop did not answer: " + e, e);
        }
    }

    /** @return the summary of the whole run, several lines; final once closed */
    public String summary() {
        double elapsed = finalSnapshot != null ? elapsedSeconds : (System.nanoTime() - startNanos) / 1e9;
        String a = client().map(Addresses::format).orElse("none (nothing came)");
        return RelayReport.summary(snapshot(), elapsed, config.impairment().seed(), a, Addresses.format(forward));
    }

    /** Stops relaying, drops what is still waiting (counted as unsent), and closes the socket. */
    @Override
    public synchronized void close() {
        if (finalSnapshot != null) {
            return;
        }
        EventExecutor loop = handler.executor();
        RelayStats.Snapshot last = null;
        try {
            Future<RelayStats.Snapshot> stop = loop.submit(handler::stop);
            if (stop.awaitUninterruptibly(2, TimeUnit.SECONDS) && stop.isSuccess()) {
                last = stop.getNow();
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The loop is already gone; the counts below are the last it wrote.
        }
        elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
        transport.close();
        finalSnapshot = last != null ? last : handler.snapshot();
        LOG.debug("relay closed");
    }
}
