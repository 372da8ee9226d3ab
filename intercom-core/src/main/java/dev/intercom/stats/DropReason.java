package dev.intercom.stats;

import dev.intercom.rtcp.RtcpRejection;
import dev.intercom.rtp.RtpRejection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every reason a received datagram is dropped instead of played, each with the label the
 * summary prints. {@link SessionCounters} keeps one counter per reason; the log line, the CSV
 * and the summary read them through this enum, so a new reason is one new constant, not an entry
 * in a list and an offset into it.
 *
 * <p>Three kinds: {@linkplain #isForeign() foreign} (nobody we talk to), {@linkplain
 * #isAuthFailure() authentication} (SRTP/SRTCP), and {@linkplain #isMalformed() malformed}: the
 * peer's datagram failed RTP or RTCP validation, or its payload could not be decoded.
 */
public enum DropReason {

    /** From an address that is not the peer's (or a candidate's datagram that is not RTP). */
    FOREIGN("foreign", Kind.FOREIGN),
    /** Failed SRTP/SRTCP authentication, or arrived before the keys were agreed. */
    AUTH_FAILED("auth_failed", Kind.AUTH),

    RTP_TOO_SHORT(RtpRejection.TOO_SHORT),
    RTP_BAD_VERSION(RtpRejection.BAD_VERSION),
    RTP_CSRC_OVERRUN(RtpRejection.CSRC_OVERRUN),
    RTP_EXTENSION_OVERRUN(RtpRejection.EXTENSION_OVERRUN),
    RTP_BAD_PADDING(RtpRejection.BAD_PADDING),
    RTP_WRONG_PAYLOAD_TYPE(RtpRejection.WRONG_PAYLOAD_TYPE),
    RTP_EMPTY_PAYLOAD(RtpRejection.EMPTY_PAYLOAD),
    RTP_PARTIAL_FRAME(RtpRejection.PARTIAL_FRAME),
    RTP_PAYLOAD_TOO_LONG(RtpRejection.PAYLOAD_TOO_LONG),

    RTCP_TOO_SHORT(RtcpRejection.TOO_SHORT),
    RTCP_BAD_VERSION(RtcpRejection.BAD_VERSION),
    RTCP_FIRST_NOT_REPORT(RtcpRejection.FIRST_NOT_REPORT),
    RTCP_LENGTH_OVERRUN(RtcpRejection.LENGTH_OVERRUN),
    RTCP_LENGTH_MISMATCH(RtcpRejection.LENGTH_MISMATCH),
    RTCP_PADDING_NOT_LAST(RtcpRejection.PADDING_NOT_LAST),
    RTCP_BAD_PADDING(RtcpRejection.BAD_PADDING),
    RTCP_TRUNCATED_REPORT(RtcpRejection.TRUNCATED_REPORT),
    RTCP_BAD_SDES(RtcpRejection.BAD_SDES),
    RTCP_BAD_BYE(RtcpRejection.BAD_BYE),

    /** A valid RTP packet whose payload the codec cannot decode. */
    UNDECODABLE("undecodable_payload", Kind.MALFORMED);

    private enum Kind { FOREIGN, AUTH, MALFORMED }

    private static final Map<RtpRejection, DropReason> BY_RTP = new EnumMap<>(RtpRejection.class);
    private static final Map<RtcpRejection, DropReason> BY_RTCP = new EnumMap<>(RtcpRejection.class);

    static {
        for (DropReason reason : values()) {
            if (reason.rtp != null) {
                BY_RTP.put(reason.rtp, reason);
            } else if (reason.rtcp != null) {
                BY_RTCP.put(reason.rtcp, reason);
            }
        }
    }

    private final String label;
    private final Kind kind;
    private final RtpRejection rtp;
    private final RtcpRejection rtcp;

    DropReason(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
        this.rtp = null;
        this.rtcp = null;
    }

    DropReason(RtpRejection rejection) {
        this.label = rejection.label();
        this.kind = Kind.MALFORMED;
        this.rtp = rejection;
        this.rtcp = null;
    }

    DropReason(RtcpRejection rejection) {
        this.label = "rtcp_" + rejection.label();
        this.kind = Kind.MALFORMED;
        this.rtp = null;
        this.rtcp = rejection;
    }

    /** @return the reason an RTP datagram failed validation for (allocation-free) */
    public static DropReason of(RtpRejection rejection) {
        return BY_RTP.get(rejection);
    }

    /** @return the reason an RTCP compound failed validation for (allocation-free) */
    public static DropReason of(RtcpRejection rejection) {
        return BY_RTCP.get(rejection);
    }

    /** @return the short name the summary prints, e.g. {@code too_short} or {@code rtcp_bad_bye} */
    public String label() {
        return label;
    }

    /** @return whether the datagram came from nobody we talk to */
    public boolean isForeign() {
        return kind == Kind.FOREIGN;
    }

    /** @return whether the datagram failed SRTP/SRTCP authentication */
    public boolean isAuthFailure() {
        return kind == Kind.AUTH;
    }

    /** @return whether the peer's datagram was refused as malformed (counted under "malformed") */
    public boolean isMalformed() {
        return kind == Kind.MALFORMED;
    }
}
