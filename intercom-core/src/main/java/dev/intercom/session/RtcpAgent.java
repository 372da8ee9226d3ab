package dev.intercom.session;

import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.MediaSocket;
import dev.intercom.rtcp.NtpTime;
import dev.intercom.rtcp.ReportBlockBuilder;
import dev.intercom.rtcp.RtcpBye;
import dev.intercom.rtcp.RtcpCompoundWriter;
import dev.intercom.rtcp.RtcpHandler;
import dev.intercom.rtcp.RtcpInterval;
import dev.intercom.rtcp.RtcpParser;
import dev.intercom.rtcp.RtcpRejection;
import dev.intercom.rtcp.RtcpReportBlock;
import dev.intercom.rtcp.RtcpSenderInfo;
import dev.intercom.rtcp.SenderReportLog;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.stats.DropReason;
import dev.intercom.stats.SessionCounters;
import dev.intercom.time.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTCP for one peer (RFC 3550, multiplexed on the RTP port per RFC 5761), on the socket's timer thread:
 * about once a second a compound packet with a sender report (or a receiver report while we
 * send nothing), a report block on the peer's stream and our CNAME; a BYE when the session
 * ends. From the peer's reports it takes the round-trip time (LSR/DLSR) and the peer's view of
 * our stream, which the statistics show. A peer that sends no RTCP simply leaves those blank.
 * A report block about us counts only if it answers one of our last sender reports with a
 * physical round trip and jitter ({@link SenderReportLog}); others are counted as rejected and
 * move nothing, so a forged or fuzzed report cannot set the figures.
 */
final class RtcpAgent implements RtcpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RtcpAgent.class);
    /** Room for our compound packet plus the largest SRTCP trailer. */
    private static final int MAX_COMPOUND_BYTES = 512;
    /** The largest interarrival jitter a report may claim: more than this is no working path. */
    private static final double MAX_JITTER_MILLIS = 10_000;
    /** RTCP datagrams waiting for the timer thread at most: a peer sends about one a second. */
    private static final int INBOX_SLOTS = 8;
    /** The largest RTCP datagram taken from the peer: a compound of reports and SDES fits many times. */
    static final int MAX_INBOUND_BYTES = 2048;
    /**
     * How often the timer thread parses what arrived, besides just before each report and at the
     * end. The times in it are its arrival times, so the wait changes no figure; it only delays
     * the statistics by as much.
     */
    static final long INBOX_DRAIN_NANOS = 100_000_000L;

    private final MediaSocket transport;
    private final PeerFilter peer;
    private final RtpPacketizer packetizer;
    private final JitterBuffer buffer;
    private final SessionCounters counters;
    private final NanoClock clock;
    private final int clockRate;
    private final String cname;
    /** How the log names the peer: {@code the peer}, or with its address on a party line. */
    private final String who;
    private final RtcpCompoundWriter writer = new RtcpCompoundWriter();
    private final RtcpParser parser = new RtcpParser();
    private final ReportBlockBuilder reportBlock = new ReportBlockBuilder();
    private final RtcpInterval interval = new RtcpInterval(RtcpInterval.DEFAULT_MEAN_NANOS, new SecureRandom());
    private final JitterSnapshot snapshot = new JitterSnapshot();
    private final SenderReportLog sentReports = new SenderReportLog();
    private final RtcpSecurity security;
    private final RtcpInbox inbox = new RtcpInbox(INBOX_SLOTS, MAX_INBOUND_BYTES);
    /** When the datagram being parsed arrived; the timer thread's. */
    private long parsedArrivalNanos;
    /** {@link #parse}, made once: the drain runs ten times a second. */
    private final RtcpInbox.Reader parseOne = this::parse;
    private long reportedSsrc = -1;
    private boolean byeSeen;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> drainTimer;

    /** Protects outgoing RTCP (SRTCP with {@code --key}); {@link #NONE} sends it plain. */
    @FunctionalInterface
    interface RtcpSecurity {
        RtcpSecurity NONE = packet -> true;

        /** Protects a compound packet in place before it is sent; false to drop it. */
        boolean protect(ByteBuf packet);
    }

    RtcpAgent(MediaSocket transport, PeerFilter peer, RtpPacketizer packetizer, JitterBuffer buffer,
            SessionCounters counters, NanoClock clock, int clockRate, RtcpSecurity security, String who) {
        this.transport = transport;
        this.peer = peer;
        this.packetizer = packetizer;
        this.buffer = buffer;
        this.counters = counters;
        this.clock = clock;
        this.clockRate = clockRate;
        this.security = security;
        this.who = who;
        this.cname = cname(packetizer.ssrc(), transport.localAddress().getPort());
    }

    /** Starts reporting. */
    void start() {
        interval.start(clock.nanoTime());
        scheduleNext();
        drainTimer = transport.timers().scheduleAtFixedRate(this::drainInbox, INBOX_DRAIN_NANOS, INBOX_DRAIN_NANOS,
                TimeUnit.NANOSECONDS);
    }

    private void scheduleNext() {
        long delay = Math.max(1, interval.nextNanos() - clock.nanoTime());
        timer = transport.timers().schedule(this::report, delay, TimeUnit.NANOSECONDS);
    }

    private void report() {
        try {
            drainInbox(); // a report answers every sender report that has arrived
            if (interval.poll(clock.nanoTime())) {
                send(false);
            }
        } catch (RuntimeException e) {
            LOG.debug("RTCP report failed: {}", e.toString());
            counters.socketError();
        }
        scheduleNext();
    }

    /** Sends a final report with a BYE and stops reporting; waits briefly for it to leave. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
        if (drainTimer != null) {
            drainTimer.cancel(false);
        }
        try {
            transport.timers().submit(() -> {
                drainInbox(); // what arrived before the end counts in the summary
                send(true);
            }).get(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("RTCP BYE not sent: {}", e.toString());
        }
    }

    /** Builds and sends one compound packet. Runs on the timer thread. */
    private void send(boolean bye) {
        ByteBuf out = Unpooled.directBuffer(MAX_COMPOUND_BYTES);
        writer.begin(out);
        long ssrc = packetizer.ssrc();
        long composedAt = clock.nanoTime();
        boolean senderReport = packetizer.packetsWritten() > 0;
        if (senderReport) {
            // The times are placeholders until restamped as the packet leaves, below.
            writer.senderReport(ssrc, 0, 0, packetizer.packetsWritten(), packetizer.octetsWritten());
        } else {
            writer.receiverReport(ssrc);
        }
        buffer.snapshot(snapshot);
        if (snapshot.streaming) {
            if (snapshot.streamSsrc != reportedSsrc) {
                reportBlock.reset();
                reportedSsrc = snapshot.streamSsrc;
            }
            long highest = snapshot.streamHighestSequence;
            reportBlock.update(highest - snapshot.streamExpected + 1, highest, snapshot.streamReceived,
                    snapshot.jitterFrames, composedAt);
            reportBlock.writeTo(writer, snapshot.streamSsrc);
        }
        writer.sdesCname(ssrc, cname);
        if (bye) {
            writer.bye(ssrc, "session ended");
        }
        writer.finish();
        stampSending(senderReport, composedAt);
        java.net.InetSocketAddress target = peer.sendTarget();
        if (target == null || !security.protect(out)) { // no target: answering any sender, none yet
            out.release();
            return;
        }
        if (!transport.send(out, target)) {
            counters.socketError();
        }
    }

    /**
     * Writes the times of sending into the compound just made, as late as it can be: the peer
     * counts any time between them and the packet leaving as round trip. The first report's
     * cold code took 7-28 ms to compose here (48 ms under load), and read as a round trip that
     * long (and half of it as network latency in the e2e figure) for a stats interval.
     */
    private void stampSending(boolean senderReport, long composedAt) {
        long leaving = clock.nanoTime();
        long ntp = ntpAt(leaving);
        writer.restamp(ntp, packetizer.nextTimestamp(), (leaving - composedAt) * 65_536L / 1_000_000_000L);
        if (senderReport) {
            sentReports.sent(ntp);
        }
    }

    /**
     * Takes one RTCP datagram from the peer (already authenticated if SRTCP is on) on the receive
     * thread, into the inbox that the timer thread drains ({@link #INBOX_DRAIN_NANOS}): one thread
     * owns the report state, and nothing is allocated on the receive thread. A datagram the inbox
     * cannot take (a flood, or one larger than {@link #MAX_INBOUND_BYTES}) is counted rejected.
     *
     * @param arrivalNanos when it arrived, on the session's clock
     */
    void received(ByteBuf packet, long arrivalNanos) {
        if (!inbox.offer(packet, arrivalNanos)) {
            counters.rtcpRejected();
        }
    }

    /** Parses what the inbox holds. Runs on the timer thread. */
    private void drainInbox() {
        try {
            inbox.drain(parseOne);
        } catch (RuntimeException e) {
            LOG.debug("RTCP parsing failed: {}", e.toString());
        }
    }

    private void parse(ByteBuf packet, long arrivalNanos) {
        parsedArrivalNanos = arrivalNanos;
        RtcpRejection rejection = parser.parse(packet, this);
        if (rejection != null) {
            counters.drop(DropReason.of(rejection));
        } else {
            counters.rtcpReceived();
        }
    }

    @Override
    public void senderReport(long ssrc, RtcpSenderInfo info) {
        reportBlock.senderReportReceived(info.ntpTimestamp(), parsedArrivalNanos);
    }

    @Override
    public void reportBlock(long reporterSsrc, RtcpReportBlock block) {
        if (block.sourceSsrc() != packetizer.ssrc()) {
            return; // about someone else's stream
        }
        if (block.lastSenderReport() == 0) {
            return; // the peer has no SR of ours yet: nothing it says can be checked
        }
        double rtt = sentReports.roundTripMillis(NtpTime.middle32(ntpAt(parsedArrivalNanos)),
                block.lastSenderReport(), block.delaySinceLastSenderReport());
        double jitterMs = block.jitter() * 1000.0 / clockRate;
        if (Double.isNaN(rtt) || jitterMs > MAX_JITTER_MILLIS) {
            counters.rtcpRejected();
            return;
        }
        counters.remoteReport(rtt, block.fractionLost() * 100.0 / 256, jitterMs);
    }

    /** @return the wall-clock time, as NTP, at {@code nanos} of the session's clock (not in the future) */
    private long ntpAt(long nanos) {
        Instant at = Instant.now().minusNanos(Math.max(0, clock.nanoTime() - nanos));
        return NtpTime.fromEpoch(at.getEpochSecond(), at.getNano());
    }

    @Override
    public void bye(RtcpBye bye) {
        if (!byeSeen) {
            byeSeen = true;
            LOG.info("{} said goodbye (RTCP BYE)", who);
        }
        for (int i = 0; i < bye.sourceCount(); i++) {
            buffer.senderLeft(bye.ssrc(i), parsedArrivalNanos); // its stream ended: no outage
        }
    }

    /** @return the SDES CNAME of a peer sending as {@code ssrc} from local UDP port {@code port} */
    static String cname(long ssrc, int port) {
        return "intercom-" + Long.toHexString(ssrc) + "@" + port;
    }
}
