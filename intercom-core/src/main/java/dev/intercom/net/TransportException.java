package dev.intercom.net;

/**
 * The network could not be set up: a busy port, an unknown host, an address this machine does
 * not have. The message is one line for the user that says what to do.
 */
public class TransportException extends RuntimeException {

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
