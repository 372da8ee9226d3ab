package dev.intercom.audio.file;

import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;

/**
 * An output that plays in real time and discards every block: a receiver with no speaker, for
 * measuring the network and jitter buffer alone.
 */
public final class NullOutput extends PacedOutput {

    /**
     * @param format the session's format
     * @param clock  the time source that paces playout ({@link NanoClock#SYSTEM} outside tests)
     */
    public NullOutput(StreamFormat format, NanoClock clock) {
        super(format, clock);
    }

    @Override
    boolean consume(short[] block) {
        return true;
    }

    /** @return {@code "null output"} */
    @Override
    public String describe() {
        return "null output";
    }
}
