package dev.intercom.measure;

import dev.intercom.audio.StreamFormat;
import dev.intercom.audio.file.FrameLoop;
import dev.intercom.config.SessionConfig;
import dev.intercom.session.Session;
import dev.intercom.time.NanoClock;

/**
 * {@code intercom reflect} without a sound card: a peer whose capture is what its own playout
 * played one block earlier ({@link FrameLoop}), so what it receives goes straight back, through
 * its jitter buffer, its playout and its capture block. A measurement against it sees the
 * network round trip, both jitter buffers, the blocks at both ends and this one block of loop.
 */
public final class Reflector {

    private Reflector() {
    }

    /**
     * Starts the reflecting peer.
     *
     * @param config the peer's settings (its input and output specs are not used)
     * @param clock  the time source that paces the loop
     * @return the running session; stop it as any other
     */
    public static Session start(SessionConfig config, NanoClock clock) {
        StreamFormat format = config.format();
        FrameLoop loop = new FrameLoop(format, clock, loopFrames(format));
        return Session.startPeer(config, loop.input(), loop.output(), clock);
    }

    /**
     * @return the frames from playing a block to capturing it again: one block, the shortest loop
     *     whose capture never waits on a playout write that is a little late
     */
    public static int loopFrames(StreamFormat format) {
        return format.blockFrames();
    }
}
