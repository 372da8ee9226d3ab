package dev.intercom.audio;

/**
 * An audio input or output could not be opened or used: a missing device, an unsupported
 * format, an unreadable file. The message is written for the user and says what to do.
 */
public class AudioDeviceException extends RuntimeException {

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
