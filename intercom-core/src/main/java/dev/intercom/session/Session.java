package dev.intercom.session;

import dev.intercom.audio.AudioInput;
import dev.intercom.audio.AudioOutput;
import dev.intercom.audio.HiddenLatency;
import dev.intercom.audio.javasound.GrowingOutput;
import dev.intercom.audio.javasound.JavaSoundInput;
import dev.intercom.audio.javasound.JavaSoundOutput;
import dev.intercom.audio.pulse.ServerLatencyWatch;
import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.PacedDevices;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.config.SessionConfig;
import dev.intercom.dtls.Fingerprint;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.jitter.TargetPolicy;
import dev.intercom.net.Addresses;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.MediaSocket;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.srtp.SrtpSender;
import dev.intercom.stats.PeerStream;
import dev.intercom.stats.ProcessCpu;
import dev.intercom.stats.SessionCounters;
import dev.intercom.stats.SessionSummary;
import dev.intercom.stats.StatsReporter;
import dev.intercom.stats.StatsSampler;
import dev.intercom.thread.IntercomThread;
import dev.intercom.time.NanoClock;
import dev.intercom.trace.TraceRecorder;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running intercom: a capture thread feeding a {@link BlockSink}, a playout thread mixing
 * the {@link JitterBuffer}s into the output (one thread for both when the devices keep one clock:
 * {@link ClockedLoop}), and a reporter. A <em>peer</em> session sends its one RTP stream over
 * UDP from the capture thread to every {@code --peer}, and receives each peer's stream on the
 * socket's receive thread ({@link MediaSocket}), or on the one clocked thread's tick when there
 * is one, into that peer's {@link PeerLink}; a <em>loopback</em> session
 * wires capture straight into the jitter buffer. The session owns the input and output it is
 * given and closes them when it stops.
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private final SessionConfig config;
    private final NanoClock clock;
    private final AudioInput input;
    private final AudioOutput output;
    private final MediaSocket transport;
    private final TraceRecorder trace;
    /** The network side of each remote peer, in {@code --peer} order; empty for a loopback. */
    private final List<PeerLink> links;
    private final SessionCounters counters;
    /** Every jitter buffer the output plays from: one per peer, or the loopback's one. */
    private final List<JitterBuffer> buffers;
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
    private ScheduledFuture<?> silenceTimer;
    /** The codec's look-ahead, part of every latency figure. */
    private final double codecDelayMs;

    private Session(SessionConfig config, AudioInput input, AudioOutput output, NanoClock clock, boolean network) {
        this.config = config;
        this.clock = clock;
        this.input = input;
        this.output = output;
        StreamFormat format = config.format();
        this.counters = new SessionCounters();
        PayloadCodec sendCodec = PeerLink.codec(config);
        this.codecDelayMs = format.framesToMillis(sendCodec.delayFrames());
        BlockSink sink;
        List<Mixer.Input> mixed = new ArrayList<>();
        List<PeerStream> streams = new ArrayList<>();
        boolean polled = network && !config.dtls() && PacedDevices.shareClock(input, output);
        if (network) {
            // No --peer (intercom reflect): one link that answers whoever sends first.
            List<InetSocketAddress> peers = config.peers().isEmpty() ? java.util.Collections.singletonList(null)
                    : config.peers().stream().map(Addresses::resolvePeer).toList();
            this.trace = config.recordTrace().map(path -> new TraceRecorder(path, format.sampleRate())).orElse(null);
            PeerDispatch dispatch = new PeerDispatch(counters);
            List<PeerLink> built = new ArrayList<>();
            try {
                // An IPv6 peer among IPv4 ones needs an IPv6 socket (which reaches the others too).
                InetSocketAddress family = peers.stream()
                        .filter(p -> p != null && p.getAddress() instanceof Inet6Address)
                        .findFirst().orElse(peers.get(0));
                InetSocketAddress local = Addresses.resolveListen(config.listen(), family);
                for (InetSocketAddress peer : peers) {
                    if (peer != null) {
                        Addresses.requireSameFamily(local, peer);
                    }
                }
                if (family == null) {
                    family = local; // no peer: the socket takes the --listen address's family
                }
                // One clocked thread takes the datagrams on its tick (see ClockedLoop); a DTLS
                // handshake, before the clock starts, needs the receive thread.
                this.transport = polled ? MediaSocket.openPolled(local, family, dispatch, clock)
                        : MediaSocket.open(local, family, dispatch, clock);
            } catch (RuntimeException e) {
                if (trace != null) {
                    trace.close();
                }
                throw e;
            }
            RtpPacketizer packetizer = packetizer(config);
            // --key seals once for every peer; with --dtls each peer's handshake gives keys of its
            // own, and nothing is sent before the handshakes end.
            SendProtection shared = config.srtpKey().map(key -> new SendProtection(new SrtpSender(key))).orElse(null);
            List<SendProtection> protections = new ArrayList<>();
            try {
                for (InetSocketAddress peer : peers) {
                    // One peer counts into the session's counters, as always; a party line's peers each their own.
                    SessionCounters own = peers.size() == 1 ? counters : new SessionCounters();
                    SendProtection protection = config.dtls() ? new SendProtection(null) : shared;
                    protections.add(protection);
                    built.add(new PeerLink(config, peer, transport, own, packetizer, config.srtpKey(), protection,
                            trace, clock, counters, peers.size() > 1));
                }
                dispatch.attach(built);
                if (config.dtls()) {
                    handshakeAll(built, transport, config);
                }
            } catch (RuntimeException e) {
                built.forEach(PeerLink::abandon);
                transport.close();
                if (trace != null) {
                    trace.close();
                }
                throw e;
            }
            this.links = List.copyOf(built);
            sink = new RtpSender(transport, packetizer, links.stream().map(PeerLink::filter).toList(), protections,
                    counters, format, config.datagramBytes(), PeerLink.codec(config));
            for (PeerLink link : links) {
                mixed.add(link.playout());
                streams.add(link.stream());
            }
            this.buffers = links.stream().map(PeerLink::buffer).toList();
        } else {
            this.links = List.of();
            this.transport = null;
            this.trace = null;
            // A loopback's blocks go into the buffer as samples: no decoder before it.
            JitterBuffer buffer = PeerLink.newBuffer(config, PeerLink.codec(config), null);
            this.buffers = List.of(buffer);
            sink = new LocalWire(buffer, counters, format);
            mixed.add(new Mixer.Input(buffer, now -> { }, counters));
            streams.add(new PeerStream(null, counters, snapshot -> {
                // The reporter takes the jitter buffer's lock for each snapshot: see RealTimeScheduling.
                RealTimeScheduling.raiseLockSharerOnce();
                buffer.snapshot(snapshot);
            }, now -> false));
        }
        this.hiddenLatency = onSoundCard(input, output) ? ServerLatencyWatch.start(format.blockMillis())
                : HiddenLatency.NONE;
        StatsSampler sampler = new StatsSampler(counters, streams, format, clock, ProcessCpu::nanos,
                sendCodec.delayFrames(), hiddenLatency, config.deviceLatencyMs().orElse(Double.NaN));
        try {
            this.reporter = new StatsReporter(sampler, counters, streams.get(0).jitter(), config.statsInterval(),
                    config.statsFile());
            reporter.network(network);
        } catch (RuntimeException e) {
            hiddenLatency.close();
            links.forEach(PeerLink::abandon);
            if (transport != null) {
                transport.close(); // an unwritable --stats-file must not leave the socket bound
            }
            if (trace != null) {
                trace.close();
            }
            throw e;
        }
        this.capture = new CaptureLoop(input, sink, counters, clock, this::fail);
        Runnable takeArrivals = polled ? transport::receiveWaiting : () -> { };
        this.playout = new PlayoutLoop(output, takeArrivals, new Mixer(mixed, counters, format.samplesPerBlock()),
                counters, clock, this::fail);
        if (PacedDevices.shareClock(input, output)) {
            // One clock, one thread: see ClockedLoop.
            this.playoutThread = realTimeThread(new ClockedLoop(capture, playout), IntercomThread.AUDIO);
            this.captureThread = playoutThread;
        } else {
            this.captureThread = realTimeThread(capture, IntercomThread.CAPTURE);
            this.playoutThread = realTimeThread(playout, IntercomThread.PLAYOUT);
        }
    }

    /**
     * Below this bit rate concentus's encoder sends no in-band FEC data (measured: at 26 kbit/s a
     * packet rebuilt from the next one's FEC is the same as concealment, at 28 it is 3-5 dB better).
     */
    private static final int OPUS_FEC_MIN_KBPS = 28;

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
     * Starts a peer: binds the socket, then starts playout, capture and reporting. With no
     * {@code --peer} in {@code config} (and no {@code --dtls}, whose handshake needs an address)
     * it answers whoever sends it valid RTP first ({@link PeerFilter#anySender}), sending nothing
     * until then.
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
        config.deviceLatencyMs().ifPresent(devices -> LOG.info("device latency {} ms (--device-latency: input and "
                + "output together, as 'intercom measure --local' reports them): e2e_latency_ms and ideal_latency_ms "
                + "count it instead of the lines' estimate{}", ms(devices), config.adaptiveJitter() ? ""
                        : "; ideal latency with it " + ms(config.idealLatencyMs() + codecDelayMs + devices) + " ms"));
        LOG.info("input: {}; output: {}; codec: {}", input.describe(), output.describe(), config.codec().describe()
                + (codecDelayMs > 0 ? ", " + ms(codecDelayMs) + " ms look-ahead" : ""));
        // --fec is refused without Opus, so this is Opus with too few bits for FEC.
        if (config.fec() && config.bitrateKbps() < OPUS_FEC_MIN_KBPS) {
            LOG.warn("--fec at {} kbit/s: Opus sends in-band FEC data only from about {} kbit/s, so lost packets will be "
                    + "concealed, not recovered (raise --bitrate)", config.bitrateKbps(), OPUS_FEC_MIN_KBPS);
        }
        if (transport != null) {
            LOG.info("listening on UDP {} ({}), sending to {}; {}", Addresses.format(transport.localAddress()),
                    transport.ipv4() ? "IPv4 socket" : "IPv6 socket",
                    links.stream().map(link -> link.address() == null ? "whoever sends RTP first (no --peer)"
                            : Addresses.format(link.address())).collect(Collectors.joining(", ")),
                    config.dtls() ? "DTLS-SRTP" : config.srtpKey().map(k -> "SRTP " + k.profile().label())
                            .orElse("plain RTP (no --key)"));
            // An Opus packet is at most 1275 bytes a frame, so only L16 can outgrow an Ethernet frame
            // (datagramBytes() is the receive buffer for Opus, not the size of what is sent).
            if (config.codec().codec().framed() && config.datagramBytes() > 1472) {
                LOG.warn("each packet is {} bytes, more than fits in one Ethernet frame: IP will fragment it "
                        + "(use a smaller --block or fewer --channels on real networks)", config.datagramBytes());
            }
        }
        // Both device clocks start together, before either thread: a file input and a file
        // output then share one time origin, so the offset of a sound between them is the
        // latency and nothing else.
        if (onSoundCard(input, output)) {
            // Collect the start-up garbage now, before the lines run, not in a young collection
            // that stops the audio threads in the first seconds (measured under load: 25-40 ms).
            System.gc();
        }
        output.start();
        input.start();
        playoutThread.start();
        if (captureThread != playoutThread) {
            captureThread.start();
        }
        links.forEach(PeerLink::start);
        if (!links.isEmpty()) {
            silenceTimer = transport.timers().scheduleAtFixedRate(() -> {
                long now = clock.nanoTime();
                links.forEach(link -> link.checkSilence(now));
            }, 1, 1, TimeUnit.SECONDS);
        }
        reporter.start();
    }

    /**
     * {@code --dtls}: shakes hands with every peer at once, each against its own pinned
     * fingerprint. One after the other would not do on a party line: a peer busy with a third
     * one would keep us waiting while we keep a fourth waiting.
     *
     * @throws RuntimeException the first handshake's failure, after all have ended
     */
    private static void handshakeAll(List<PeerLink> links, MediaSocket transport, SessionConfig config) {
        List<Fingerprint> pins = config.peerFingerprints();
        if (links.size() == 1) {
            links.get(0).handshake(transport, config, pins.get(0));
            return;
        }
        AtomicReference<RuntimeException> first = new AtomicReference<>();
        List<Thread> shaking = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            PeerLink link = links.get(i);
            Fingerprint pin = pins.get(i);
            Thread t = IntercomThread.DTLS_HANDSHAKE.newThread(() -> {
                try {
                    link.handshake(transport, config, pin);
                } catch (RuntimeException e) {
                    first.compareAndSet(null, e);
                }
            });
            shaking.add(t);
            t.start();
        }
        for (Thread t : shaking) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while shaking hands with the peers", e);
            }
        }
        if (first.get() != null) {
            throw first.get();
        }
    }

    /** @return whether either end is a sound card's line (Java Sound), not a file or tone */
    private static boolean onSoundCard(AudioInput input, AudioOutput output) {
        return input instanceof JavaSoundInput || output instanceof JavaSoundOutput || output instanceof GrowingOutput;
    }

    private static Thread realTimeThread(Runnable work, IntercomThread kind) {
        return kind.newThread(() -> {
            RealTimeScheduling.requestForCurrentThread();
            work.run();
        });
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
            double target = config.targetFrames();
            for (JitterBuffer buffer : buffers) {
                buffer.snapshot(now);
                target = Math.max(target, now.targetFrames);
            }
            double delayMs = config.format().framesToMillis(target);
            long drainMillis = Math.round(delayMs + 2 * config.format().blockMillis()) + 20;
            join(playoutThread, drainMillis);
        }
        playout.stop();
        firstProblem = attempt(output::close, firstProblem);
        join(playoutThread);
        if (silenceTimer != null) {
            silenceTimer.cancel(false);
        }
        for (PeerLink link : links) {
            firstProblem = attempt(link::close, firstProblem); // the BYE, then DTLS's close_notify
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
