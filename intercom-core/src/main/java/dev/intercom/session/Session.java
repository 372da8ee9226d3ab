package dev.intercom.session;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.HiddenLatency;
import dev.intercom.audio.javasound.JavaSoundInput;
import dev.intercom.audio.javasound.JavaSoundOutput;
import dev.intercom.audio.pulse.ServerLatencyWatch;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.PacedDevices;
import dev.intercom.codec.L16PayloadCodec;
import dev.intercom.codec.OpusPayloadCodec;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.config.SessionConfig;
import dev.intercom.decode.CodecConcealer;
import dev.intercom.decode.DecodeInStreamOrder;
import dev.intercom.decode.DecodeOnArrival;
import dev.intercom.decode.EncodedPacketQueue;
import dev.intercom.decode.OrderedDecoder;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.jitter.PitchConcealer;
import dev.intercom.jitter.TargetPolicy;
import dev.intercom.net.Addresses;
import dev.intercom.net.PacketSink;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.RtpReceiveHandler;
import dev.intercom.net.MediaSocket;
import dev.intercom.net.StreamFormatProbe;
import dev.intercom.rtcp.RtcpRejection;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.dtls.DtlsSrtpKeys;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpReceiver;
import dev.intercom.srtp.SrtpSender;
import dev.intercom.rtp.RtpRejection;
import dev.intercom.rtp.RtpValidator;
import dev.intercom.stats.ProcessCpu;
import dev.intercom.stats.SessionCounters;
import dev.intercom.stats.SessionSummary;
import dev.intercom.stats.StatsReporter;
import dev.intercom.stats.StatsSampler;
import dev.intercom.time.NanoClock;
import dev.intercom.trace.TraceRecorder;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running intercom: a capture thread feeding a {@link BlockSink}, a playout thread draining
 * a {@link JitterBuffer} into the output (one thread for both when the devices keep one clock:
 * {@link ClockedLoop}), and a reporter. A <em>peer</em> session sends over
 * RTP/UDP from the capture thread and receives the peer's stream on the socket's receive thread
 * ({@link MediaSocket}), or on the one clocked thread's tick when there is one; a <em>loopback</em> session
 * wires capture straight into the jitter buffer. The session owns the input and output it is
 * given and closes them when it stops.
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** How long the configured peer address must be silent before a NAT-rewritten port is latched. */
    private static final long LATCH_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * The first stream is listened to this long before it is played: its first packets come
     * slower than the rest while both ends warm up, and playing from the fastest leaves no
     * surplus to shed audibly later. A quarter second of silence, once per session.
     */
    private static final long STARTUP_LISTEN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** How much of the peer's stream shows its rate and channels: a report within a second (issue 12). */
    private static final long FORMAT_PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(800);

    private final SessionConfig config;
    private final NanoClock clock;
    private final AudioInput input;
    private final AudioOutput output;
    private final MediaSocket transport;
    private final TraceRecorder trace;
    private final RtcpAgent rtcp;
    /** The DTLS association with {@code --dtls}, else null. */
    private final DtlsLink dtls;
    private final InetSocketAddress peer;
    private final SessionCounters counters;
    private final JitterBuffer buffer;
    private final StatsReporter reporter;
    /** What a sound server holds beyond the lines, for the latency figures; closed in {@link #stop()}. */
    private final HiddenLatency hiddenLatency;
    private final CaptureLoop capture;
    private final PlayoutLoop playout;
    private final Thread captureThread;
    private final Thread playoutThread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private SessionSummary summary;
    /** Warns when the peer falls silent; null for a loopback. */
    private final PeerSilenceWatch silenceWatch;
    private ScheduledFuture<?> silenceTimer;
    /** The codec's look-ahead, part of every latency figure. */
    private final double codecDelayMs;

    private Session(SessionConfig config, AudioInput input, AudioOutput output, NanoClock clock, boolean network) {
        this.config = config;
        this.clock = clock;
        this.input = input;
        this.output = output;
        StreamFormat format = config.format();
        this.counters = new SessionCounters(Stream.of(
                Arrays.stream(RtpRejection.values()).map(RtpRejection::label),
                Arrays.stream(RtcpRejection.values()).map(r -> "rtcp_" + r.label()),
                Stream.of(PacketSink.UNDECODABLE)).flatMap(x -> x).toList());
        PayloadCodec decoder = codec(config);
        this.codecDelayMs = format.framesToMillis(decoder.delayFrames());
        LongConsumer beforePoll = now -> { };
        // Opus from the network waits encoded until the buffer wants its audio (a loopback's
        // blocks go in as samples).
        OrderedDecoder ordered = config.opus() && network ? new OrderedDecoder(decoder, counters,
                packetsInRing(config), config.datagramBytes(), OPUS_MAX_FRAMES * format.channels()) : null;
        this.buffer = new JitterBuffer(format, targetPolicy(config), config.capacityFrames(),
                config.idleAfterFrames(), config.resyncAfterPackets(),
                config.opus() ? new CodecConcealer(decoder, format) : new PitchConcealer(format),
                config.maxTargetFrames(), STARTUP_LISTEN_NANOS, ordered);
        BlockSink sink;
        if (network) {
            this.peer = Addresses.resolvePeer(config.peer().orElseThrow());
            this.trace = config.recordTrace().map(path -> new TraceRecorder(path, format.sampleRate())).orElse(null);
            PeerFilter filter = new PeerFilter(peer, config.latch() ? LATCH_AFTER_NANOS : PeerFilter.NEVER,
                    clock.nanoTime());
            RtpValidator validator = config.opus()
                    ? RtpValidator.opaque(config.payloadType(), config.datagramBytes())
                    : new RtpValidator(config.payloadType(), format.channels(), config.maxPacketFrames());
            PacketSink decoding;
            if (ordered != null) {
                DecodeInStreamOrder inOrder = inStreamOrder(config, decoder, buffer, ordered, counters);
                decoding = inOrder.queue();
                beforePoll = inOrder::takeArrivals;
            } else {
                decoding = new DecodeOnArrival(decoder, buffer, counters, config.maxPacketFrames() * format.channels());
            }
            PacketSink intoBuffer = decoding;
            // The receive thread takes the jitter buffer's lock on every packet: see RealTimeScheduling.
            PacketSink raised = (ssrc, sequence, timestamp, packet, offset, length, arrivalNanos) -> {
                RealTimeScheduling.raiseLockSharerOnce();
                intoBuffer.accept(ssrc, sequence, timestamp, packet, offset, length, arrivalNanos);
            };
            RtpReceiveHandler receiver = new RtpReceiveHandler(filter, validator, raised, counters, trace);
            if (!config.opus()) {
                receiver.probeFormat(new StreamFormatProbe(format.sampleRate(), format.channels(), FORMAT_PROBE_NANOS));
            }
            this.dtls = config.dtls() ? new DtlsLink(filter) : null;
            if (dtls != null) {
                receiver.onDtls(dtls::received); // before the socket opens: no RTP counts until keyed
            }
            DtlsSrtpKeys dtlsKeys = null;
            try {
                InetSocketAddress local = Addresses.resolveListen(config.listen(), peer);
                Addresses.requireSameFamily(local, peer);
                // One clocked thread takes the datagrams on its tick (see ClockedLoop); a handshake
                // before the clock starts needs the receive thread.
                this.transport = dtls == null && PacedDevices.shareClock(input, output)
                        ? MediaSocket.openPolled(local, peer, receiver, clock)
                        : MediaSocket.open(local, peer, receiver, clock);
                if (dtls != null) {
                    try {
                        dtlsKeys = dtls.handshake(transport, config);
                    } catch (RuntimeException e) {
                        dtls.close();
                        transport.close();
                        throw e;
                    }
                }
            } catch (RuntimeException e) {
                if (trace != null) {
                    trace.close();
                }
                throw e;
            }
            RtpPacketizer packetizer = packetizer(config);
            Optional<SrtpKey> sendKey = dtlsKeys != null ? Optional.of(dtlsKeys.send()) : config.srtpKey();
            Optional<SrtpKey> receiveKey = dtlsKeys != null ? Optional.of(dtlsKeys.receive()) : config.srtpKey();
            SendProtection protection = sendKey.map(key -> new SendProtection(new SrtpSender(key))).orElse(null);
            receiveKey.ifPresent(key -> receiver.protectedBy(new SrtpReceiver(key)));
            if (dtls != null) {
                // A peer that restarts shakes hands again: both directions switch to the new keys.
                dtls.onRekey(keys -> {
                    receiver.protectedBy(new SrtpReceiver(keys.receive()));
                    protection.replace(new SrtpSender(keys.send()));
                });
            }
            sink = new RtpSender(transport, packetizer, filter, counters, format, config.datagramBytes(), protection,
                    codec(config));
            RtcpAgent.RtcpSecurity security = protection == null ? RtcpAgent.RtcpSecurity.NONE : packet -> {
                protection.protectRtcp(packet);
                return true;
            };
            this.rtcp = new RtcpAgent(transport, filter, packetizer, buffer, counters, clock, format.sampleRate(),
                    RtpRejection.values().length, security);
            receiver.onRtcp(rtcp::received);
            this.silenceWatch = new PeerSilenceWatch(counters, Addresses.format(peer),
                    transport.localAddress().getPort(), clock.nanoTime());
        } else {
            this.silenceWatch = null;
            this.peer = null;
            this.transport = null;
            this.trace = null;
            this.rtcp = null;
            this.dtls = null;
            sink = new LocalWire(buffer, counters, format);
        }
        // Our codec settings' look-ahead: the peer's encoder is assumed to use the same mode.
        // The reporter takes the jitter buffer's lock for each snapshot: see RealTimeScheduling.
        Consumer<JitterSnapshot> snapshots = snapshot -> {
            RealTimeScheduling.raiseLockSharerOnce();
            buffer.snapshot(snapshot);
        };
        this.hiddenLatency = input instanceof JavaSoundInput || output instanceof JavaSoundOutput
                ? ServerLatencyWatch.start() : HiddenLatency.NONE;
        StatsSampler sampler = new StatsSampler(counters, snapshots, format, clock, ProcessCpu::nanos,
                decoder.delayFrames(), hiddenLatency);
        try {
            this.reporter = new StatsReporter(sampler, counters, snapshots, config.statsInterval(),
                    config.statsFile());
            reporter.network(network);
        } catch (RuntimeException e) {
            hiddenLatency.close();
            if (dtls != null) {
                dtls.close();
            }
            if (transport != null) {
                transport.close(); // an unwritable --stats-file must not leave the socket bound
            }
            if (trace != null) {
                trace.close();
            }
            throw e;
        }
        this.capture = new CaptureLoop(input, sink, counters, clock, this::fail);
        this.playout = new PlayoutLoop(output, buffer, beforePoll, counters, clock, this::fail);
        if (PacedDevices.shareClock(input, output)) {
            // One clock, one thread: see ClockedLoop.
            Runnable receive = transport != null && dtls == null ? transport::receiveWaiting : () -> { };
            this.playoutThread = realTimeThread(new ClockedLoop(capture, receive, playout), "intercom-audio");
            this.captureThread = playoutThread;
        } else {
            this.captureThread = realTimeThread(capture, "intercom-capture");
            this.playoutThread = realTimeThread(playout, "intercom-playout");
        }
    }

    /** The longest Opus packet: 120 ms at 48 kHz. */
    private static final int OPUS_MAX_FRAMES = 5_760;
    /**
     * Below this bit rate concentus's encoder sends no in-band FEC data (measured: at 26 kbit/s a
     * packet rebuilt from the next one's FEC is the same as concealment, at 28 it is 3-5 dB better).
     */
    private static final int OPUS_FEC_MIN_KBPS = 28;
    /**
     * @return as many packet slots as the jitter buffer holds packets (a power of two, at least
     *     64): the queue before it and the decoder's window beside it never fill before it does,
     *     not even while the start-up listens to the stream without playing any of it
     */
    private static int packetsInRing(SessionConfig config) {
        return Math.max(64, Integer.highestOneBit(config.capacityFrames() / config.format().blockFrames() - 1) << 1);
    }

    /**
     * @return the stream-order receive path of an Opus stream: a queue as long as the jitter
     *     buffer (in our blocks) between the receive thread and the playout thread, from which
     *     the buffer admits packets and the decoder keeps them
     */
    private static DecodeInStreamOrder inStreamOrder(SessionConfig config, PayloadCodec decoder, JitterBuffer buffer,
            OrderedDecoder ordered, SessionCounters counters) {
        EncodedPacketQueue queue = new EncodedPacketQueue(packetsInRing(config), config.datagramBytes(),
                buffer::overflowedUpstream);
        return new DecodeInStreamOrder(queue, decoder, buffer, ordered, counters);
    }

    /** @return a new codec for the stream {@code --codec} asks for (one for sending, one for receiving) */
    private static PayloadCodec codec(SessionConfig config) {
        return config.opus() ? new OpusPayloadCodec(config.format(), config.bitrateKbps(), config.fec())
                : new L16PayloadCodec(config.format());
    }

    private static RtpPacketizer packetizer(SessionConfig config) {
        SecureRandom random = new SecureRandom();
        if (config.ssrc().isEmpty()) {
            return RtpPacketizer.random(config.payloadType(), random);
        }
        // A fixed SSRC (some receivers, such as srtpdec, must know it in advance); the rest stays random.
        return new RtpPacketizer(config.payloadType(), config.ssrc().get(), random.nextInt(1 << 16),
                random.nextLong() & 0xFFFF_FFFFL);
    }

    /** @return the playout delay policy {@code --jitter} asks for */
    public static TargetPolicy targetPolicy(SessionConfig config) {
        if (!config.adaptiveJitter()) {
            return TargetPolicy.fixed(config.targetFrames());
        }
        return TargetPolicy.adaptive(config.jitterLossPercent() / 100.0, config.minTargetFrames(),
                config.maxTargetFrames(), config.targetFrames());
    }

    /**
     * Starts a peer: binds the socket, then starts playout, capture and reporting.
     *
     * @throws dev.intercom.net.TransportException if the peer cannot be resolved or the port bound;
     *     the input and output are closed then
     */
    public static Session startPeer(SessionConfig config, AudioInput input, AudioOutput output, NanoClock clock) {
        return start(config, input, output, clock, true);
    }

    /** Starts a loopback: capture wired straight into the jitter buffer and out, no network. */
    public static Session startLoopback(SessionConfig config, AudioInput input, AudioOutput output, NanoClock clock) {
        return start(config, input, output, clock, false);
    }

    private static Session start(SessionConfig config, AudioInput input, AudioOutput output, NanoClock clock,
            boolean network) {
        Session session;
        try {
            session = new Session(config, input, output, clock, network);
        } catch (RuntimeException e) {
            input.close();
            output.close();
            throw e;
        }
        session.begin();
        return session;
    }

    private void begin() {
        StreamFormat format = config.format();
        if (config.adaptiveJitter()) {
            LOG.info("audio: {}; block {} ms; jitter target auto: {}..{} ms, aiming at {}% late packets",
                    format, ms(format.blockMillis()), ms(format.framesToMillis(config.minTargetFrames())),
                    ms(format.framesToMillis(config.maxTargetFrames())), config.jitterLossPercent());
        } else {
            LOG.info("audio: {}; block {} ms; jitter target {} ms = {} blocks (asked {} ms); ideal latency {} ms",
                    format, ms(format.blockMillis()), ms(config.targetMs()), config.targetFrames() / format.blockFrames(),
                    ms(config.requestedJitterMs().orElseThrow()), ms(config.idealLatencyMs() + codecDelayMs));
        }
        LOG.info("input: {}; output: {}; codec: {}", input.describe(), output.describe(), config.opus()
                ? "Opus " + config.bitrateKbps() + " kbit/s" + (config.fec() ? " with in-band FEC" : "") + ", "
                        + ms(codecDelayMs) + " ms look-ahead"
                : "L16");
        if (config.opus() && config.fec() && config.bitrateKbps() < OPUS_FEC_MIN_KBPS) {
            LOG.warn("--fec at {} kbit/s: Opus sends in-band FEC data only from about {} kbit/s, so lost packets will be "
                    + "concealed, not recovered (raise --bitrate)", config.bitrateKbps(), OPUS_FEC_MIN_KBPS);
        }
        if (transport != null) {
            LOG.info("listening on UDP {} ({}), sending to {}; {}", Addresses.format(transport.localAddress()),
                    transport.ipv4() ? "IPv4 socket" : "IPv6 socket", Addresses.format(peer),
                    config.dtls() ? "DTLS-SRTP" : config.srtpKey().map(k -> "SRTP " + k.profile().label())
                            .orElse("plain RTP (no --key)"));
            // An Opus packet is at most 1275 bytes a frame, so only L16 can outgrow an Ethernet frame
            // (datagramBytes() is the receive buffer for Opus, not the size of what is sent).
            if (!config.opus() && config.datagramBytes() > 1472) {
                LOG.warn("each packet is {} bytes, more than fits in one Ethernet frame: IP will fragment it "
                        + "(use a smaller --block or fewer --channels on real networks)", config.datagramBytes());
            }
        }
        // Both device clocks start together, before either thread: a file input and a file
        // output then share one time origin, so the offset of a sound between them is the
        // latency and nothing else.
        output.start();
        input.start();
        playoutThread.start();
        if (captureThread != playoutThread) {
            captureThread.start();
        }
        if (rtcp != null) {
            rtcp.start();
        }
        if (silenceWatch != null) {
            silenceTimer = transport.timers().scheduleAtFixedRate(() -> silenceWatch.check(clock.nanoTime()),
                    1, 1, TimeUnit.SECONDS);
        }
        reporter.start();
    }

    private static Thread realTimeThread(Runnable work, String name) {
        Thread t = new Thread(() -> {
            RealTimeScheduling.requestForCurrentThread();
            work.run();
        }, name);
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        return t;
    }

    private static String ms(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    private void fail(RuntimeException problem) {
        if (failure.compareAndSet(null, problem)) {
            LOG.error("{}", problem.getMessage());
        }
        ended.countDown();
    }

    /** @return the local address the socket is bound to, absent for a loopback session */
    public Optional<InetSocketAddress> localAddress() {
        return transport == null ? Optional.empty() : Optional.of(transport.localAddress());
    }

    /**
     * Waits until {@code limit} has passed, {@link #requestEnd()} is called, or a thread fails.
     *
     * @param limit how long to run; empty for no limit
     */
    public void awaitEnd(Optional<Duration> limit) throws InterruptedException {
        if (limit.isPresent()) {
            ended.await(limit.get().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            ended.await();
        }
    }

    /** Makes {@link #awaitEnd} return now; safe from a signal handler. */
    public void requestEnd() {
        ended.countDown();
    }

    /** @return the live counters the session's threads update, for monitoring */
    public SessionCounters counters() {
        return counters;
    }

    /** @return what made the session fail, if anything did */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Stops capture, lets the audio already buffered play out, then stops playout, closes the
     * devices and the socket and returns the summary. Idempotent.
     */
    public synchronized SessionSummary stop() {
        if (summary != null) {
            return summary;
        }
        ended.countDown();
        RuntimeException firstProblem = null;
        capture.stop();
        firstProblem = attempt(input::close, firstProblem);
        if (captureThread != playoutThread) {
            join(captureThread); // one thread for both goes on playing below
        }
        if (failure.get() == null) {
            // What was captured last is still on its way or in the buffer: play it before closing,
            // but no longer than a buffer's worth (the peer may well still be talking).
            playout.drain();
            JitterSnapshot now = new JitterSnapshot();
            buffer.snapshot(now);
            double delayMs = config.format().framesToMillis(Math.max(now.targetFrames, config.targetFrames()));
            long drainMillis = Math.round(delayMs + 2 * config.format().blockMillis()) + 20;
            join(playoutThread, drainMillis);
        }
        playout.stop();
        firstProblem = attempt(output::close, firstProblem);
        join(playoutThread);
        if (silenceTimer != null) {
            silenceTimer.cancel(false);
        }
        if (rtcp != null) {
            firstProblem = attempt(rtcp::stop, firstProblem); // the BYE
        }
        if (dtls != null) {
            firstProblem = attempt(dtls::close, firstProblem); // close_notify, after the BYE it protected
        }
        if (transport != null) {
            firstProblem = attempt(transport::close, firstProblem);
        }
        if (trace != null) {
            firstProblem = attempt(trace::close, firstProblem);
        }
        hiddenLatency.close();
        summary = reporter.finish();
        if (firstProblem != null) {
            // The summary is made; the caller still hears that, e.g., the WAV could not be finalised.
            failure.compareAndSet(null, firstProblem);
            LOG.error("{}", firstProblem.getMessage());
        }
        return summary;
    }

    /** Runs one step of shutting down, so that a failing step does not skip the others. */
    private static RuntimeException attempt(Runnable step, RuntimeException earlier) {
        try {
            step.run();
            return earlier;
        } catch (RuntimeException e) {
            return earlier != null ? earlier : e;
        }
    }

    private static void join(Thread t) {
        join(t, TimeUnit.SECONDS.toMillis(5));
        if (t.isAlive()) {
            LOG.warn("{} did not stop within 5 s", t.getName());
        }
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
