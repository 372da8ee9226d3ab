package dev.intercom.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Runs a whole signal through a codec block by block, as a sender and a receiver would, with
 * chosen packets lost: each lost packet is replaced by {@link PayloadCodec#decodeMissing}, given
 * the next packet when {@code withNext} (FEC) and that one arrived.
 */
final class Transcoder {

    /** What came out: the decoded signal (as long as the input's whole blocks) and the payload bytes sent. */
    record Result(short[] decoded, long payloadBytes, int packets) {
    }

    private Transcoder() {
    }

    /** @return {@code signal} through {@code codec} with nothing lost */
    static Result run(PayloadCodec codec, short[] signal, int channels, int block) {
        return run(codec, signal, channels, block, new boolean[signal.length / channels / block], false);
    }

    /**
     * @param lost     per packet, whether it is lost
     * @param withNext whether to hand the next packet to {@code decodeMissing}
     */
    static Result run(PayloadCodec codec, short[] signal, int channels, int block, boolean[] lost, boolean withNext) {
        int packets = signal.length / channels / block;
        int samplesPerBlock = block * channels;
        ByteBuf[] payloads = new ByteBuf[packets];
        short[] in = new short[samplesPerBlock];
        long bytes = 0;
        for (int p = 0; p < packets; p++) {
            System.arraycopy(signal, p * samplesPerBlock, in, 0, samplesPerBlock);
            payloads[p] = Unpooled.buffer(1500);
            bytes += codec.encode(in, block, payloads[p]);
        }
        short[] decoded = new short[packets * samplesPerBlock];
        short[] out = new short[samplesPerBlock];
        for (int p = 0; p < packets; p++) {
            int frames;
            if (lost[p]) {
                ByteBuf next = withNext && p + 1 < packets && !lost[p + 1] ? payloads[p + 1] : null;
                frames = next == null
                        ? codec.decodeMissing(out, block, null, 0, 0)
                        : codec.decodeMissing(out, block, next, next.readerIndex(), next.readableBytes());
            } else {
                frames = codec.decode(payloads[p], payloads[p].readerIndex(), payloads[p].readableBytes(), out);
            }
            if (frames != block) {
                throw new AssertionError("packet " + p + " gave " + frames + " frames, not " + block);
            }
            System.arraycopy(out, 0, decoded, p * samplesPerBlock, samplesPerBlock);
        }
        for (ByteBuf b : payloads) {
            b.release();
        }
        return new Result(decoded, bytes, packets);
    }
}
