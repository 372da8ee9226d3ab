package dev.intercom.net;

import dev.intercom.rtp.RtpHeader;
import dev.intercom.rtp.RtpRejection;
import dev.intercom.rtp.RtpValidator;
import dev.intercom.stats.DropReason;
import dev.intercom.stats.SessionCounters;
import dev.intercom.rtcp.RtcpDemux;
import dev.intercom.srtp.SrtpReceiver;
import dev.intercom.srtp.SrtpVerdict;
import dev.intercom.trace.TraceRecorder;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive thread's work for each datagram: keep only the peer's (counting the rest as
 * foreign), authenticate and decrypt it if SRTP is on, send RTCP to its handler, validate RTP
 * (counting each rejection by reason) and hand the payload to a {@link PacketSink}, which
 * decodes it into the jitter buffer or queues it for the playout thread. Runs on the socket's
 * receive thread; the datagram's buffer is reused as soon as this returns. Never blocks;
 * allocates nothing.
 */
public final class RtpReceiveHandler implements MediaSocket.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(RtpReceiveHandler.class);

    private final PeerFilter filter;
    private final RtpValidator validator;
    private final PacketSink sink;
    private final SessionCounters counters;
    private final TraceRecorder trace;
    private final PayloadTypeHint payloadTypeHint;
    private final StreamFormatProbe formatProbe;
    private final ObjLongConsumer<ByteBuf> rtcp;
    private final Consumer<ByteBuf> dtls;
    private volatile SrtpReceiver srtp;
    private volatile boolean keysPending;

    /**
     * A receive path without SRTP, RTCP or a format check.
     *
     * @param filter    decides whose datagrams are played
     * @param validator checks each datagram against our payload type, channels and largest packet
     * @param sink      takes each valid packet of the peer's stream
     * @param counters  where drops are counted
     * @param trace     records each accepted packet's arrival, or {@code null}
     */
    public RtpReceiveHandler(PeerFilter filter, RtpValidator validator, PacketSink sink, SessionCounters counters,
            TraceRecorder trace) {
        this(filter, validator, sink, counters, trace, null, null, null, (packet, arrivalNanos) -> { }, "the peer");
    }

    /**
     * A peer's whole receive path, built complete before the first datagram.
     *
     * @param filter      decides whose datagrams are played
     * @param validator   checks each datagram against our payload type, channels and largest packet
     * @param sink        takes each valid packet of the peer's stream
     * @param counters    where drops are counted
     * @param trace       records each accepted packet's arrival, or {@code null}
     * @param formatProbe checks the peer's L16 stream against our rate and channels, or {@code null}
     * @param srtp        authenticates and decrypts every datagram (SRTP/SRTCP) before anything else,
     *                    or {@code null} for plain RTP (or until {@code dtls}'s handshake gives keys)
     * @param dtls        DTLS-SRTP: takes DTLS records (first byte 20..63, RFC 7983) from the peer,
     *                    and all RTP and RTCP is dropped (counted as authentication failures) until
     *                    {@link #protectedBy} gives the keys the handshake agreed; {@code null} without DTLS
     * @param rtcp        takes RTCP datagrams from the peer (told apart by payload type, RFC 5761)
     *                    and their arrival times
     * @param who         how warnings name the peer: {@code the peer}, or {@code the peer ADDRESS}
     *                    when there are several
     */
    public RtpReceiveHandler(PeerFilter filter, RtpValidator validator, PacketSink sink, SessionCounters counters,
            TraceRecorder trace, StreamFormatProbe formatProbe, SrtpReceiver srtp, Consumer<ByteBuf> dtls,
            ObjLongConsumer<ByteBuf> rtcp, String who) {
        this.filter = filter;
        this.validator = validator;
        this.sink = sink;
        this.counters = counters;
        this.trace = trace;
        this.payloadTypeHint = new PayloadTypeHint(validator.expectedPayloadType(), who);
        this.formatProbe = formatProbe;
        this.srtp = srtp;
        this.dtls = dtls;
        this.keysPending = dtls != null && srtp == null;
        this.rtcp = rtcp;
    }

    @Override
    public void datagram(ByteBuf content, InetSocketAddress sender, long now) {
        PeerFilter.Source source = filter.classify(sender, now);
        if (source == PeerFilter.Source.FOREIGN) {
            counters.drop(DropReason.FOREIGN);
            return;
        }
        if (dtls != null && isDtls(content)) {
            if (source == PeerFilter.Source.CANDIDATE) {
                counters.drop(DropReason.FOREIGN); // a handshake only with the address we talk to
            } else {
                dtls.accept(content);
            }
            return;
        }
        if (keysPending) {
            counters.drop(DropReason.AUTH_FAILED); // SRTP keys not agreed yet: nothing can be authenticated
            return;
        }
        boolean isRtcp = RtcpDemux.isRtcp(content, content.readerIndex(), content.readableBytes());
        SrtpReceiver srtp = this.srtp;
        if (srtp != null) {
            SrtpVerdict verdict = isRtcp ? srtp.unprotectRtcp(content) : srtp.unprotectRtp(content);
            if (verdict != SrtpVerdict.OK) {
                counters.drop(DropReason.AUTH_FAILED); // never played, whatever it claims to be
                return;
            }
        }
        if (isRtcp && source != PeerFilter.Source.CANDIDATE) {
            counters.received(content.readableBytes());
            rtcp.accept(content, now);
            return;
        }
        RtpRejection rejection = validator.validate(content);
        if (rejection != null) {
            if (source == PeerFilter.Source.CANDIDATE) {
                counters.drop(DropReason.FOREIGN); // not RTP, and not from the configured port: nobody we know
            } else {
                counters.drop(DropReason.of(rejection));
                if (rejection == RtpRejection.WRONG_PAYLOAD_TYPE) {
                    counters.refusedPayloadType(validator.header().payloadType());
                    payloadTypeHint.refused(validator.header().payloadType());
                }
            }
            return;
        }
        if (source == PeerFilter.Source.CANDIDATE) {
            filter.latch(sender, srtp != null); // SRTP got here only by authenticating
        }
        counters.received(content.readableBytes());
        RtpHeader header = validator.header();
        if (trace != null) {
            trace.arrived(header.sequenceNumber(), header.timestamp(), now);
        }
        if (formatProbe != null) {
            formatProbe.observe(header.ssrc(), header.sequenceNumber(), header.timestamp(), validator.payloadLength(),
                    now);
        }
        sink.accept(header.ssrc(), header.sequenceNumber(), header.timestamp(), content, validator.payloadOffset(),
                validator.payloadLength(), now);
    }

    /**
     * From the next datagram on, authenticates and decrypts with {@code receiver}: the keys a DTLS
     * handshake agreed (at the start, and again whenever the peer restarts and shakes hands anew).
     */
    public void protectedBy(SrtpReceiver receiver) {
        this.srtp = receiver;
        this.keysPending = false;
    }

    /** RFC 7983: a first byte of 20..63 is DTLS; RTP and RTCP start at 128. */
    private static boolean isDtls(ByteBuf content) {
        if (!content.isReadable()) {
            return false;
        }
        int first = content.getUnsignedByte(content.readerIndex());
        return first >= 20 && first <= 63;
    }

    @Override
    public void socketError(Throwable cause) {
        socketError(counters, cause);
    }

    /**
     * Logs (the first) and counts an error the socket reported. The socket stays open and the
     * audio goes on; the count shows in the summary.
     */
    public static void socketError(SessionCounters counters, Throwable cause) {
        if (counters.socketErrors() == 0) {
            LOG.warn("socket error (further ones are only counted): {}", dev.intercom.problem.Problems.text(cause));
        } else {
            LOG.debug("socket error: {}", cause.toString());
        }
        counters.socketError();
    }
}
