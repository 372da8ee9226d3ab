package dev.intercom.impair;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's work on its event loop: sorts each datagram into a direction (latching peer A
 * on the first one that is not from B), copies it into a right-sized buffer, offers it to
 * that direction's {@link ImpairmentPipeline}, and sends whatever is due, waking itself up with
 * the event loop's scheduler for the next due time. Also reports every interval. Everything
 * here runs on the one event loop thread.
 */
final class RelayHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final InetSocketAddress forward;
    private final ImpairmentPipeline<ByteBuf> toB;
    private final ImpairmentPipeline<ByteBuf> toA;
    private final RelayStats stats = new RelayStats();
    private final long originNanos;
    private final Consumer<String> reportLines;

    private volatile ChannelHandlerContext ctx;
    private volatile InetSocketAddress client;
    private ScheduledFuture<?> wake;
    private long wakeAt = ImpairmentPipeline.NEVER;
    private ScheduledFuture<?> reports;
    private RelayStats.Snapshot lastReport = new RelayStats.Snapshot(DirectionCounts.ZERO, DirectionCounts.ZERO, 0, 0, 0);
    private boolean stopped;

    /**
     * @param config       the impairments; the seed's stream is split into one per direction, A to B first
     * @param forward      peer B
     * @param originNanos  when the relay starts
     * @param capacity     the most datagrams in flight per direction
     * @param byteLimit    the most payload bytes in flight per direction
     * @param reportLines  where the interval lines go
     */
    RelayHandler(ImpairmentConfig config, InetSocketAddress forward, long originNanos, int capacity, long byteLimit,
            Consumer<String> reportLines) {
        super(DatagramPacket.class, true);
        this.forward = forward;
        this.originNanos = originNanos;
        this.reportLines = reportLines;
        SplittableRandom root = new SplittableRandom(config.seed());
        this.toB = new ImpairmentPipeline<>(config, root.split(), originNanos, capacity, byteLimit,
                ByteBuf::retainedDuplicate, ReferenceCountUtil::release, stats.aToB());
        this.toA = new ImpairmentPipeline<>(config, root.split(), originNanos, capacity, byteLimit,
                ByteBuf::retainedDuplicate, ReferenceCountUtil::release, stats.bToA());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** @return the event loop everything here runs on */
    EventExecutor executor() {
        return ctx.executor();
    }

    /** @return peer A once its first datagram has come, else {@code null} */
    InetSocketAddress client() {
        return client;
    }

    /** Starts the interval reports (from any thread). */
    void startReports(Duration interval) {
        if (interval.isZero()) {
            return;
        }
        long period = interval.toNanos();
        executor().execute(() -> {
            if (!stopped) {
                reports = executor().scheduleAtFixedRate(this::report, period, period, TimeUnit.NANOSECONDS);
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket datagram) {
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        InetSocketAddress sender = datagram.sender();
        ImpairmentPipeline<ByteBuf> pipeline;
        if (sender.equals(forward)) {
            if (client == null) {
                stats.early();
                return;
            }
            pipeline = toA;
        } else if (client == null) {
            client = sender;
            LOG.info("peer A is {} (the first sender): relaying it to B {}", format(sender), format(forward));
            pipeline = toB;
        } else if (sender.equals(client)) {
            pipeline = toB;
        } else {
            stats.foreign();
            return;
        }
        // Copy into a buffer of the datagram's size: the receive buffer is 64 KiB, too much to
        // keep for every datagram waiting out its delay.
        ByteBuf content = datagram.content();
        int bytes = content.readableBytes();
        ByteBuf payload = context.alloc().directBuffer(bytes, bytes);
        payload.writeBytes(content, content.readerIndex(), bytes);
        pipeline.offer(now, payload, bytes);
        deliverDue();
    }

    private void deliverDue() {
        ChannelHandlerContext context = ctx;
        long now = System.nanoTime();
        boolean wrote = drain(context, toB, forward, now);
        InetSocketAddress a = client;
        if (a != null) {
            wrote |= drain(context, toA, a, now);
        }
        if (wrote) {
            context.flush();
        }
        scheduleWake(now);
    }

    private static boolean drain(ChannelHandlerContext context, ImpairmentPipeline<ByteBuf> pipeline,
            InetSocketAddress to, long now) {
        boolean wrote = false;
        ByteBuf payload;
        while ((payload = pipeline.poll(now)) != null) {
            context.write(new DatagramPacket(payload, to), context.voidPromise());
            wrote = true;
        }
        return wrote;
    }

    private void scheduleWake(long now) {
        long next = Math.min(toB.nextDueNanos(), toA.nextDueNanos());
        if (next == ImpairmentPipeline.NEVER || (wake != null && wakeAt <= next)) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = next;
        wake = executor().schedule(this::onWake, Math.max(0, next - now), TimeUnit.NANOSECONDS);
    }

    private void onWake() {
        wake = null;
        wakeAt = ImpairmentPipeline.NEVER;
        if (!stopped) {
            deliverDue();
        }
    }

    private void report() {
        try {
            RelayStats.Snapshot now = stats.snapshot();
            double elapsed = (System.nanoTime() - originNanos) / 1e9;
            reportLines.accept(RelayReport.intervalLine(elapsed,
                    now.aToB().since(lastReport.aToB(), stats.aToB().takeIntervalMaxDelayNanos()),
                    now.bToA().since(lastReport.bToA(), stats.bToA().takeIntervalMaxDelayNanos())));
            lastReport = now;
        } catch (RuntimeException e) {
            // A failing report must not stop the relay.
            LOG.warn("relay report failed: {}", dev.intercom.problem.Problems.text(e));
        }
    }

    /** @return the cumulative counts; call on the event loop */
    RelayStats.Snapshot snapshot() {
        return stats.snapshot();
    }

    /**
     * Stops relaying: cancels the timers and releases every datagram still waiting. Call on
     * the event loop.
     *
     * @return the final counts
     */
    RelayStats.Snapshot stop() {
        stopped = true;
        if (wake != null) {
            wake.cancel(false);
        }
        if (reports != null) {
            reports.cancel(false);
        }
        RelayStats.Snapshot last = stats.snapshot();
        toB.clear();
        toA.clear();
        return last;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // A failed send (e.g. ICMP port unreachable reported by the kernel) costs one datagram.
        stats.socketError();
        LOG.debug("relay socket error: {}", cause.toString());
    }

    private static String format(InetSocketAddress address) {
        return dev.intercom.net.Addresses.format(address);
    }
}
