package dev.intercom.problem;

/**
 * Turns an exception into words for the user: its message without Java's class names
 * ({@code java.io.IOException: x} reads {@code x}), which only {@code --verbose} shows, with the
 * stack trace.
 */
public final class Problems {

    private Problems() {
    }

    /** @return what went wrong, as a user reads it */
    public static String text(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "internal error (" + e.getClass().getSimpleName() + "); run with --verbose for the details";
        }
        String previous;
        do {
            previous = message;
            message = message.replaceFirst("^(java|javax|sun|jdk|io\\.netty)\\.[\\w.$]+: ", "");
        } while (!message.equals(previous));
        return message;
    }
}
