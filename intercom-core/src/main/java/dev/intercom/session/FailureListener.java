package dev.intercom.session;

/** Told when a session thread cannot go on (a device vanished, a file became unreadable). */
@FunctionalInterface
public interface FailureListener {

    /** @param problem what went wrong; its message is for the user */
    void failed(RuntimeException problem);
}
