package dev.intercom.rtp;

/**
 * Why {@link RtpValidator} refused a datagram. Constants are declared in the order the validator
 * checks them, so when a datagram has several faults the first one listed here is reported.
 * An accepted datagram has no rejection: the validator returns {@code null}, which keeps
 * {@code values()} usable as the index of a per-reason counter array.
 */
public enum RtpRejection implements PacketVerdict {

    /** Fewer bytes than the 12-byte fixed header. */
    TOO_SHORT("shorter than the 12-byte RTP header"),
    /** The version field is not 2. */
    BAD_VERSION("RTP version is not 2"),
    /** The CSRC count promises identifiers past the end of the datagram. */
    CSRC_OVERRUN("CSRC list runs past the end of the datagram"),
    /** The extension header, or the length it declares, runs past the end of the datagram. */
    EXTENSION_OVERRUN("header extension runs past the end of the datagram"),
    /** Padding flag set but the pad count is 0 or more than the bytes after the header. */
    BAD_PADDING("padding count is zero or longer than the packet body"),
    /** Payload type differs from the one this session expects. */
    WRONG_PAYLOAD_TYPE("unexpected RTP payload type"),
    /** No payload bytes after header, extension and padding are removed. */
    EMPTY_PAYLOAD("no payload"),
    /** Payload is not a whole number of L16 frames for the configured channel count. */
    PARTIAL_FRAME("payload is not a whole number of audio frames"),
    /** Payload holds more frames than the configured maximum. */
    PAYLOAD_TOO_LONG("payload holds more frames than allowed");

    private final String description;

    RtpRejection(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
