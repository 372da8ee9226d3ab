package dev.intercom.session;

/**
 * Capture and playout on one thread, for an input and an output that keep one clock (the paced
 * file, tone and null devices): like a JACK process callback, each tick of that clock wakes one
 * thread that sends the block just captured and then plays the next one. Two threads on one clock
 * would wake twice a block, and every wake-up costs more than the block's own work. At tick
 * {@code n} the input's block {@code n - 1} is complete and the output has room for block
 * {@code n}, so the order is: play block 0, then for each tick capture, send, play. Once capture
 * ends (the session stopping) playout goes on alone until it is drained or stopped.
 */
final class ClockedLoop implements Runnable {

    private final CaptureLoop capture;
    private final PlayoutLoop playout;

    ClockedLoop(CaptureLoop capture, PlayoutLoop playout) {
        this.capture = capture;
        this.playout = playout;
    }

    @Override
    public void run() {
        boolean capturing = true;
        while (true) {
            try {
                if (!playout.playOne()) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                playout.failed(e);
                return;
            }
            if (capturing) {
                try {
                    capturing = capture.captureOne();
                } catch (RuntimeException | Error e) {
                    capture.failed(e);
                    return;
                }
            }
        }
    }
}
