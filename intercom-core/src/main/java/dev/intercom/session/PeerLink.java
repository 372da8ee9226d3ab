package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.codec.PayloadCodec;
import dev.intercom.config.Codec;
import dev.intercom.config.SessionConfig;
import dev.intercom.decode.CodecConcealer;
import dev.intercom.decode.DecodeInStreamOrder;
import dev.intercom.decode.DecodeOnArrival;
import dev.intercom.decode.EncodedPacketQueue;
import dev.intercom.decode.OrderedDecoder;
import dev.intercom.dtls.DtlsSrtpKeys;
import dev.intercom.dtls.Fingerprint;
import dev.intercom.jitter.JitterBuffer;
import dev.intercom.jitter.JitterSnapshot;
import dev.intercom.jitter.PitchConcealer;
import dev.intercom.net.Addresses;
import dev.intercom.net.MediaSocket;
import dev.intercom.net.PacketSink;
import dev.intercom.net.PeerFilter;
import dev.intercom.net.RtpReceiveHandler;
import dev.intercom.net.StreamFormatProbe;
import dev.intercom.rtp.RtpPacketizer;
import dev.intercom.rtp.RtpValidator;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpReceiver;
import dev.intercom.srtp.SrtpSender;
import dev.intercom.stats.PeerStream;
import dev.intercom.stats.SessionCounters;
import dev.intercom.time.NanoClock;
import dev.intercom.trace.TraceRecorder;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The network side of one remote peer, built complete in its constructor: the filter that knows
 * its address (and latches onto a NAT-rewritten port), SRTP, RTCP with its own reports and round
 * trip, the receive path (validation, decoding or the encoded queue) into its own jitter buffer
 * and concealment, its silence watch and its counters. A session holds one per {@code --peer}
 * and closes them from one place; the socket, the send side and the capture are the session's.
 * The receive thread calls {@link #receiver()}, the playout thread {@link #playout()}.
 */
final class PeerLink implements AutoCloseable {

    /** How long the configured peer address must be silent before a NAT-rewritten port is latched. */
    static final long LATCH_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * How long without a packet before the statistics show a peer as silent: well inside the
     * two seconds a user may wait to see who dropped out, and over any pause a working path has.
     */
    static final long SILENT_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
    /**
     * The first stream is listened to this long before it is played: its first packets come
     * slower than the rest while both ends warm up, and playing from the fastest leaves no
     * surplus to shed audibly later. A quarter second of silence, once per session.
     */
    static final long STARTUP_LISTEN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How much of the peer's stream shows its rate and channels: a report within a second (issue 12). */
    private static final long FORMAT_PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(800);
    /** How a link with no configured address ({@code reflect} without {@code --peer}) is named in the log. */
    static final String ANY_SENDER = "(any sender)";
    /** The longest Opus packet: 120 ms at 48 kHz. */
    private static final int OPUS_MAX_FRAMES = 5_760;

    private final InetSocketAddress address;
    private final String name;
    private final SessionCounters counters;
    private final PeerFilter filter;
    private final JitterBuffer buffer;
    private final Mixer.Input playout;
    private final RtpReceiveHandler receiver;
    private final RtcpAgent rtcp;
    /** The DTLS association with {@code --dtls}, else null. */
    private final DtlsLink dtls;
    private final SendProtection protection;
    private final PeerSilenceWatch silenceWatch;
    private volatile long lastPacketNanos;

    /**
     * @param config     the session's settings
     * @param address    the peer's resolved address, or null to answer whoever sends valid RTP
     *                     first ({@link PeerFilter#anySender})
     * @param socket     the session's one socket (RTCP and DTLS go out on it)
     * @param counters   where this peer's receive path, RTCP and playout count (the session's own
     *                   when it is the only peer)
     * @param packetizer our one outgoing stream, which RTCP's sender reports describe
     * @param receiveKey the SRTP key of the peer's stream with {@code --key}; empty otherwise
     *                   (with {@code --dtls} the handshake gives it: {@link #handshake})
     * @param protection what seals our outgoing RTCP, or null for plain RTP
     * @param trace      records each accepted packet's arrival, or null
     * @param strangers  the session's counters, where datagrams from addresses no peer owns are
     *                   counted (the same as {@code counters} with one peer)
     * @param party      whether this is one of several peers: warnings then name it
     */
    PeerLink(SessionConfig config, InetSocketAddress address, MediaSocket socket, SessionCounters counters,
            RtpPacketizer packetizer, Optional<SrtpKey> receiveKey, SendProtection protection, TraceRecorder trace,
            NanoClock clock, SessionCounters strangers, boolean party) {
        this.address = address;
        this.name = address == null ? ANY_SENDER : Addresses.format(address);
        String who = party ? "the peer " + name : "the peer";
        this.counters = counters;
        this.protection = protection;
        StreamFormat format = config.format();
        PayloadCodec decoder = codec(config);
        Codec codec = config.codec().codec();
        OrderedDecoder ordered = codec.decodesInStreamOrder() ? new OrderedDecoder(decoder, counters, packetsInRing(config),
                config.datagramBytes(), OPUS_MAX_FRAMES * format.channels()) : null;
        this.buffer = newBuffer(config, decoder, ordered);
        this.filter = address == null ? PeerFilter.anySender(LATCH_AFTER_NANOS, clock.nanoTime())
                : new PeerFilter(address, config.latch() ? LATCH_AFTER_NANOS : PeerFilter.NEVER, clock.nanoTime());
        RtpValidator validator = codec.framed()
                ? new RtpValidator(config.payloadType(), format.channels(), config.maxPacketFrames())
                : RtpValidator.opaque(config.payloadType(), config.datagramBytes());
        PacketSink decoding;
        LongConsumer beforePoll = now -> { };
        if (ordered != null) {
            // Opus waits encoded until the buffer wants its audio, decoded on the playout thread.
            EncodedPacketQueue queue = new EncodedPacketQueue(packetsInRing(config), config.datagramBytes(),
                    buffer::overflowedUpstream);
            DecodeInStreamOrder inOrder = new DecodeInStreamOrder(queue, decoder, buffer, ordered, counters);
            decoding = inOrder.queue();
            beforePoll = inOrder::takeArrivals;
        } else {
            decoding = new DecodeOnArrival(decoder, buffer, counters, config.maxPacketFrames() * format.channels());
        }
        this.playout = new Mixer.Input(buffer, beforePoll, counters);
        PacketSink intoBuffer = decoding;
        this.lastPacketNanos = clock.nanoTime();
        // The receive thread takes the jitter buffer's lock on every packet: see RealTimeScheduling.
        PacketSink raised = (ssrc, sequence, timestamp, packet, offset, length, arrivalNanos) -> {
            RealTimeScheduling.raiseLockSharerOnce();
            lastPacketNanos = arrivalNanos;
            intoBuffer.accept(ssrc, sequence, timestamp, packet, offset, length, arrivalNanos);
        };
        RtcpAgent.RtcpSecurity security = protection == null ? RtcpAgent.RtcpSecurity.NONE : packet -> {
            protection.protectRtcp(packet);
            return true;
        };
        this.rtcp = new RtcpAgent(socket, filter, packetizer, buffer, counters, clock, format.sampleRate(), security, who);
        this.dtls = config.dtls() ? new DtlsLink(filter) : null;
        // Everything the receive path does is in place before the first datagram reaches it: with
        // DTLS no RTP counts until the handshake gives the keys.
        this.receiver = new RtpReceiveHandler(filter, validator, raised, counters, trace,
                codec.framed() ? new StreamFormatProbe(format.sampleRate(), format.channels(), FORMAT_PROBE_NANOS, who)
                        : null,
                receiveKey.map(SrtpReceiver::new).orElse(null), dtls == null ? null : dtls::received, rtcp::received, who);
        this.silenceWatch = new PeerSilenceWatch(counters, strangers, party, name, socket.localAddress().getPort(),
                clock.nanoTime());
    }

    /**
     * {@code --dtls}: shakes hands with the peer, then protects both directions with the keys it
     * agreed, and again with new keys whenever the peer restarts and shakes hands anew. Our
     * stream to this peer is sealed with its own keys ({@code protection} is this link's alone).
     *
     * @param theirs the fingerprint the peer's certificate must have
     * @throws RuntimeException if the handshake fails; the caller closes the link and the socket
     */
    void handshake(MediaSocket socket, SessionConfig config, Fingerprint theirs) {
        DtlsSrtpKeys keys = dtls.handshake(socket, config, theirs);
        receiver.protectedBy(new SrtpReceiver(keys.receive()));
        protection.replace(new SrtpSender(keys.send()));
        dtls.onRekey(next -> {
            receiver.protectedBy(new SrtpReceiver(next.receive()));
            protection.replace(new SrtpSender(next.send()));
        });
    }

    /** @return a new codec for the stream {@code --codec} asks for (one for sending, one per receiving peer) */
    static PayloadCodec codec(SessionConfig config) {
        return config.codec().newPayloadCodec(config.format());
    }

    /** @return a jitter buffer as the settings ask, concealing with the codec (Opus) or by pitch (L16) */
    static JitterBuffer newBuffer(SessionConfig config, PayloadCodec decoder, OrderedDecoder ordered) {
        StreamFormat format = config.format();
        return new JitterBuffer(format, Session.targetPolicy(config), config.capacityFrames(),
                config.idleAfterFrames(), config.resyncAfterPackets(),
                config.codec().codec().decodesInStreamOrder() ? new CodecConcealer(decoder, format)
                        : new PitchConcealer(format),
                config.maxTargetFrames(), STARTUP_LISTEN_NANOS, ordered);
    }

    /**
     * @return as many packet slots as the jitter buffer holds packets (a power of two, at least
     *     64): the queue before it and the decoder's window beside it never fill before it does,
     *     not even while the start-up listens to the stream without playing any of it
     */
    private static int packetsInRing(SessionConfig config) {
        return Math.max(64, Integer.highestOneBit(config.capacityFrames() / config.format().blockFrames() - 1) << 1);
    }

    /** @return the peer's address as configured; null when the link answers any sender */
    InetSocketAddress address() {
        return address;
    }

    /** @return decides whose datagrams are this peer's, and where our stream goes */
    PeerFilter filter() {
        return filter;
    }

    /** @return this peer's receive path, for the datagrams the session's dispatcher gives it */
    RtpReceiveHandler receiver() {
        return receiver;
    }

    /** @return this peer's playout, for the mixer */
    Mixer.Input playout() {
        return playout;
    }

    /** @return this peer's jitter buffer */
    JitterBuffer buffer() {
        return buffer;
    }

    /** @return the peer's stream as the statistics see it */
    PeerStream stream() {
        return new PeerStream(name, counters, snapshot -> {
            // The reporter takes the jitter buffer's lock for each snapshot: see RealTimeScheduling.
            RealTimeScheduling.raiseLockSharerOnce();
            buffer.snapshot(snapshot);
        }, this::silentAt);
    }

    /** @return whether no packet of the peer's has arrived for {@link #SILENT_AFTER_NANOS} at {@code nowNanos} */
    boolean silentAt(long nowNanos) {
        return nowNanos - lastPacketNanos > SILENT_AFTER_NANOS;
    }

    /** Starts RTCP reporting. */
    void start() {
        rtcp.start();
    }

    /** Looks at the counters for the silence warning; call about once a second. */
    void checkSilence(long nowNanos) {
        silenceWatch.check(nowNanos);
    }

    /** Fills {@code into} with the jitter buffer's state now. */
    void snapshot(JitterSnapshot into) {
        buffer.snapshot(into);
    }

    /** Sends RTCP's BYE and stops reporting, then ends DTLS (close_notify, after the BYE it protected). */
    @Override
    public void close() {
        RuntimeException first = null;
        try {
            rtcp.stop();
        } catch (RuntimeException e) {
            first = e;
        }
        if (dtls != null) {
            try {
                dtls.close();
            } catch (RuntimeException e) {
                first = first != null ? first : e;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Ends DTLS without a BYE: for a link whose session failed to start. */
    void abandon() {
        if (dtls != null) {
            dtls.close();
        }
    }
}
