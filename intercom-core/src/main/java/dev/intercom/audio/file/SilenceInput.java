package dev.intercom.audio.file;

import dev.intercom.audio.StreamFormat;
import dev.intercom.time.NanoClock;
import java.util.Arrays;

/** An input that captures silence in real time: a microphone in a quiet room, for tests and tools. */
public final class SilenceInput extends PacedInput {

    /**
     * @param format the session's format
     * @param clock  the time source that paces reads ({@link NanoClock#SYSTEM} outside tests)
     */
    public SilenceInput(StreamFormat format, NanoClock clock) {
        super(format, clock);
    }

    @Override
    boolean fill(short[] block) {
        Arrays.fill(block, 0, format().samplesPerBlock(), (short) 0);
        return true;
    }

    /** @return {@code "silence"} */
    @Override
    public String describe() {
        return "silence";
    }
}
