package dev.intercom.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once, in words, that the peer's RTP carries a payload type this session does not play,
 * and what to start with instead. Without it every packet of, say, ffmpeg's default type 97 is
 * dropped and counted, and the user hears nothing and reads nothing. Used by the event loop only.
 */
public final class PayloadTypeHint {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadTypeHint.class);

    private final int expected;
    private final String who;
    private boolean told;

    /** @param expected the payload type this session sends and plays */
    public PayloadTypeHint(int expected) {
        this(expected, "the peer");
    }

    /**
     * @param expected the payload type this session plays
     * @param who      how the advice names the peer: {@code the peer 10.0.0.2:5004} on a party line
     */
    public PayloadTypeHint(int expected, String who) {
        this.expected = expected;
        this.who = who;
    }

    /** Notes a packet from the peer, valid RTP in every other way, refused for its payload type. */
    public void refused(int payloadType) {
        if (!told) {
            told = true;
            LOG.warn("{}", advice(payloadType, expected, who));
        }
    }

    /** @return whether the warning has been given */
    public boolean told() {
        return told;
    }

    /** @return the one line for a peer that sends {@code payloadType} to a session expecting {@code expected} */
    public static String advice(int payloadType, int expected) {
        return advice(payloadType, expected, "the peer");
    }

    /** As {@link #advice(int, int)}, naming the peer as {@code who}. */
    public static String advice(int payloadType, int expected, String who) {
        if (payloadType >= 96) {
            return who + " sends payload type " + payloadType + "; this session plays only " + expected
                    + ": start with --payload-type " + payloadType;
        }
        return who + " sends payload type " + payloadType + staticName(payloadType) + ", which intercom does not"
                + " play: send L16 or Opus with a dynamic payload type (96..127) and start with --payload-type N";
    }

    /** @return the RFC 3551 name of a static payload type a peer may well send, or nothing */
    private static String staticName(int payloadType) {
        return switch (payloadType) {
            case 0 -> " (PCMU)";
            case 8 -> " (PCMA)";
            case 9 -> " (G722)";
            case 10 -> " (L16 44100 Hz stereo, a static type)";
            case 11 -> " (L16 44100 Hz mono, a static type)";
            case 14 -> " (MPEG audio)";
            default -> "";
        };
    }
}
