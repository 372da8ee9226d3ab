package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A reusable flyweight over a BYE packet (RFC 3550 section 6.6): the SSRCs leaving and an
 * optional reason, read in place. {@link RtcpParser} points it at each BYE it has validated;
 * it is valid only inside the {@link RtcpHandler} callback that receives it.
 */
public final class RtcpBye {

    private ByteBuf buffer;
    private int ssrcOffset;
    private int sourceCount;
    private int reasonOffset;
    private int reasonLength;

    /** Creates an unwrapped flyweight; the parser wraps it. */
    public RtcpBye() {
    }

    /** Points this flyweight at a BYE whose bounds the caller has checked; -1 means no reason. */
    RtcpBye wrap(ByteBuf buffer, int ssrcOffset, int sourceCount, int reasonOffset,
            int reasonLength) {
        this.buffer = buffer;
        this.ssrcOffset = ssrcOffset;
        this.sourceCount = sourceCount;
        this.reasonOffset = reasonOffset;
        this.reasonLength = reasonLength;
        return this;
    }

    /** @return SSRCs listed as leaving, 0..31 */
    public int sourceCount() {
        return sourceCount;
    }

    /**
     * @param index 0-based position in the SSRC list
     * @return the SSRC, 0..2^32-1
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #sourceCount()}
     */
    public long ssrc(int index) {
        if (index < 0 || index >= sourceCount) {
            throw new IndexOutOfBoundsException("BYE SSRC " + index + " is not in this packet");
        }
        return buffer.getUnsignedInt(ssrcOffset + index * Rtcp.SSRC_LENGTH);
    }

    /** @return whether a reason follows the SSRCs */
    public boolean hasReason() {
        return reasonOffset >= 0;
    }

    /** @return absolute buffer index of the reason's first byte, or -1 without a reason */
    public int reasonOffset() {
        return reasonOffset;
    }

    /** @return bytes of reason text, 0 without a reason */
    public int reasonLength() {
        return reasonLength;
    }

    /** @return the reason decoded from UTF-8 (allocates), or {@code null} without one */
    public String reason() {
        return hasReason()
                ? buffer.toString(reasonOffset, reasonLength, StandardCharsets.UTF_8) : null;
    }
}
