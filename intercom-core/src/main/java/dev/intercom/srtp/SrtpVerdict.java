package dev.intercom.srtp;

import dev.intercom.rtp.PacketVerdict;

/**
 * What {@link SrtpReceiver} decided about one received datagram. Only {@link #OK} leaves a
 * decrypted packet in the buffer; every other verdict leaves the buffer's bytes and indexes as they
 * arrived, and the packet must be dropped.
 */
public enum SrtpVerdict implements PacketVerdict {

    /** Authentic and new: the buffer's readable bytes now hold the plain packet, tag removed. */
    OK("authentic"),
    /** Too few bytes to hold a header and the profile's trailer; nothing was checked. */
    TOO_SHORT("too short to be SRTP/SRTCP for this profile"),
    /** Already received, or older than the replay window reaches back; checked before the tag. */
    REPLAYED("replayed, or older than the replay window"),
    /**
     * Not authentic: wrong key or profile on one side, corrupted or forged, or not SRTP at all
     * (a header that does not parse is reported here too, as it cannot be authenticated).
     */
    AUTH_FAILED("failed authentication (different key or profile, or corrupted)");

    private final String description;

    SrtpVerdict(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
