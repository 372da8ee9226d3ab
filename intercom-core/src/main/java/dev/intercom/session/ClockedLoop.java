package dev.intercom.session;

/**
 * Capture and playout on one thread, for an input and an output that keep one clock (the paced
 * file, tone and null devices): like a JACK process callback, each tick of that clock wakes one
 * thread that sends the block just captured and then plays the next one. Two threads on one clock
 * would wake twice a block, and every wake-up costs more than the block's own work. At tick
 * {@code n} the input's block {@code n - 1} is complete and the output has room for block
 * {@code n}, so the order is: play block 0, then for each tick capture, send, take the datagrams
 * that arrived, play. Once capture ends (the session stopping) playout goes on alone until it is
 * drained or stopped.
 *
 * <p>Taking the datagrams on the tick (a non-blocking socket, which the playout takes from just
 * before each poll: see {@link PlayoutLoop}) rather than on a
 * thread blocked in {@code receive} saves the second wake-up of every block, and the peer's
 * send wakes nobody here; the jitter buffer's lock is then never contended. A datagram's arrival
 * time is the kernel's time stamp where Linux gives it (see {@code MediaSocket.openPolled}), so
 * the delay statistics stay exact, and a packet that arrives between two ticks is played no later
 * than if a receive thread had put it in the buffer at once.
 */
final class ClockedLoop implements Runnable {

    private final CaptureLoop capture;
    private final PlayoutLoop playout;

    ClockedLoop(CaptureLoop capture, PlayoutLoop playout) {
        this.capture = capture;
        this.playout = playout;
    }

    /** What one tick left to do. */
    private enum Next { PLAY_AND_CAPTURE, PLAY_ONLY, END }

    @Override
    public void run() {
        Next next = Next.PLAY_AND_CAPTURE;
        // The loop itself stays in the interpreter until on-stack replacement compiles it (some
        // 60,000 ticks, 80 s at 750 a second); the tick is a method of its own, which the JIT
        // compiles within seconds, with the calls it makes inlined.
        while (next != Next.END) {
            next = tick(next == Next.PLAY_AND_CAPTURE);
        }
    }

    private Next tick(boolean capturing) {
        try {
            if (!playout.playOne()) {
                return Next.END;
            }
        } catch (RuntimeException | Error e) {
            playout.failed(e);
            return Next.END;
        }
        if (capturing) {
            try {
                capturing = capture.captureOne();
            } catch (RuntimeException | Error e) {
                capture.failed(e);
                return Next.END;
            }
        }
        return capturing ? Next.PLAY_AND_CAPTURE : Next.PLAY_ONLY;
    }
}
