package dev.intercom.jitter;

/**
 * Where a {@link JitterBuffer}'s frames come from when a packet's audio is not known when it
 * arrives: a decoder that keeps state between packets (Opus) and so must decode them in stream
 * order. The buffer is told of each packet when it arrives ({@link JitterBuffer#admit}), judges
 * it (late, duplicate, stray, a new stream) and steers the playout by its arrival time, as for
 * any packet; the packet waits encoded. When the buffer is about to read frames, it asks the
 * source for them, NetEQ's way: the decision is made first, then the decoder runs.
 *
 * <p>Called on the playout thread only, from within the buffer's {@code poll}.
 */
public interface FrameSource {

    /** What a run of produced frames is. */
    enum Kind {
        /** Decoded from the packet that carried them. */
        RECEIVED,
        /** Rebuilt from the redundancy (in-band FEC) that the next packet carried. */
        RECOVERED,
        /** Made up by the codec's own concealment, in the missing packet's place in the stream. */
        CONCEALED
    }

    /** What to do with a missing packet (later ones waiting) whose frames are wanted. */
    enum Missing {
        /** Wait for it: the buffer only reads ahead, and it may still come in time. */
        WAIT,
        /** Replace it now, by FEC or concealment: its frames are being played. */
        REPLACE,
        /**
         * Replace it only if the next packet's FEC can rebuild it, else skip it: the buffer ran
         * dry and concealed the outage itself, and is about to resume.
         */
        RECOVER_ONLY
    }

    /** Takes the frames a source produces. */
    interface Output {
        /**
         * @param timestamp    the 32-bit RTP timestamp of the first frame
         * @param samples      interleaved samples, {@code frames * channels} of them from index 0
         * @param frames       frames produced
         * @param kind         where they came from
         * @param arrivalNanos when the packet they came from arrived (for {@link Kind#RECEIVED})
         */
        void produced(long timestamp, short[] samples, int frames, Kind kind, long arrivalNanos);
    }

    /**
     * Decodes, in stream order, the waiting packets whose audio begins before {@code upTo}.
     *
     * @param from   the 32-bit RTP timestamp of the first frame the buffer still needs: a missing
     *               packet wholly before it was already concealed by the buffer and is only skipped
     * @param upTo   the 32-bit RTP timestamp before which frames are about to be read
     * @param missing what to do with a missing packet among them (with later ones waiting)
     * @param into    receives each run of frames, in stream order
     */
    void produce(long from, long upTo, Missing missing, Output into);
}
