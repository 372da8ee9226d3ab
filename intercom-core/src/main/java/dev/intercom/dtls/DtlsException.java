package dev.intercom.dtls;

/** A DTLS handshake that failed, with one line for the user that says why and what to do. */
public final class DtlsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line: what failed and what to do */
    public DtlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
