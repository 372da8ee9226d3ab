package dev.intercom.dtls;

/**
 * Which side of the DTLS handshake we take. Both peers run the same command, so neither is
 * naturally the client: the side with the lower certificate fingerprint starts the handshake
 * ({@code a=setup:active}), the other waits for it ({@code a=setup:passive}). Each side knows
 * both fingerprints, so they agree without a word.
 */
public enum DtlsRole {
    /** Sends the ClientHello: SDP {@code a=setup:active}. */
    CLIENT("active"),
    /** Waits for the ClientHello: SDP {@code a=setup:passive}. */
    SERVER("passive");

    private final String setup;

    DtlsRole(String setup) {
        this.setup = setup;
    }

    /**
     * @return our role given our fingerprint and the peer's
     * @throws IllegalArgumentException if they are the same: a peer cannot shake hands with
     *                                  itself, and two peers need two identities
     */
    public static DtlsRole between(Fingerprint ours, Fingerprint theirs) {
        int order = ours.compareTo(theirs);
        if (order == 0) {
            throw new IllegalArgumentException("the peer's fingerprint is our own: give each peer its own identity"
                    + " (--identity FILE, made by 'intercom identity --identity FILE')");
        }
        return order < 0 ? CLIENT : SERVER;
    }

    /** @return the value of SDP's {@code a=setup} attribute for this role (RFC 4145) */
    public String setup() {
        return setup;
    }
}
