package dev.intercom.measure;

import java.util.Locale;

/** No burst came back recognisably: there is no loop, or the signal is too quiet (or too mangled) to find. */
public final class NoEchoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param bursts    bursts sent
     * @param bestScore the best correlation any window reached
     */
    public NoEchoException(int bursts, double bestScore) {
        super(String.format(Locale.ROOT, "no echo: none of the %d bursts came back (best correlation %.2f, needs %.2f)"
                + "; check that the loop is closed (intercom reflect running, cable plugged, monitor routed) and "
                + "raise --level if the path is noisy", bursts, bestScore, EchoAnalysis.MIN_SCORE));
    }
}
