package dev.intercom.rtp;

import java.util.Locale;

/**
 * What a receive-path check decided about one datagram, as a constant of an enum that users
 * see by name: {@link RtpRejection}, {@link dev.intercom.rtcp.RtcpRejection} and
 * {@link dev.intercom.srtp.SrtpVerdict}.
 *
 * <p>The label is the constant's own name in lower case ({@code TOO_SHORT} is {@code too_short}),
 * so the name in the statistics cannot drift from the constant that counts it. The flip side:
 * renaming a constant renames what users see, which is why the enums' tests spell every label out.
 */
public interface PacketVerdict {

    /** @return the constant's name, as every enum declares it */
    String name();

    /**
     * @return a short snake_case name for statistics keys and the session summary; a new string
     *     each call, so look it up once, not per packet
     */
    default String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return a short human-readable explanation for logs */
    String description();
}
