package dev.intercom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.intercom.audio.StreamFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** L16 behind the codec interface: exact, big-endian, any whole number of frames, no concealment. */
@Timeout(10)
class L16PayloadCodecTest {

    private final L16PayloadCodec stereo = new L16PayloadCodec(new StreamFormat(44_100, 2, 128));

    @Test
    void describesItselfAsL16ClockedAtTheSampleRate() {
        assertEquals("L16", stereo.name());
        assertEquals(44_100, stereo.clockRate());
        assertEquals(0, stereo.delayFrames());
        assertFalse(stereo.supportsFec());
    }

    @Test
    void roundTripsExactlyInNetworkByteOrder() {
        short[] block = {0x1234, -2, Short.MAX_VALUE, Short.MIN_VALUE, 0, 7, 99, 99};
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0xAA);
        assertEquals(12, stereo.encode(block, 3, out), "3 stereo frames, 2 bytes a sample");
        assertEquals(13, out.writerIndex());
        assertEquals(0x12, out.getByte(1));
        assertEquals(0x34, out.getByte(2));
        short[] decoded = new short[8];
        assertEquals(3, stereo.decode(out, 1, 12, decoded));
        assertArrayEquals(Arrays.copyOf(block, 6), Arrays.copyOf(decoded, 6));
    }

    @Test
    void aPayloadOfPartFramesOrTooBigForTheOutputIsCorrupt() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[16]);
        assertEquals(PayloadCodec.CORRUPT, stereo.decode(in, 0, 6, new short[8]), "one and a half frames");
        assertEquals(PayloadCodec.CORRUPT, stereo.decode(in, 0, 0, new short[8]), "no frames at all");
        assertEquals(PayloadCodec.CORRUPT, stereo.decode(in, 0, 16, new short[6]), "4 frames into room for 3");
        assertEquals(4, stereo.decode(in, 0, 16, new short[8]));
        assertEquals(4, stereo.framesIn(in, 0, 16), "frames told without decoding");
        assertEquals(PayloadCodec.CORRUPT, stereo.framesIn(in, 0, 6), "one and a half frames, told");
        assertThrows(IndexOutOfBoundsException.class, () -> stereo.decode(in, 8, 16, new short[8]));
    }

    @Test
    void leavesConcealmentToTheJitterBuffer() {
        short[] out = new short[256];
        assertEquals(PayloadCodec.NOT_SUPPORTED, stereo.decodeMissing(out, 128, null, 0, 0));
        assertEquals(PayloadCodec.NOT_SUPPORTED, stereo.decodeMissing(out, 128, Unpooled.buffer(4), 0, 0));
    }

    @Test
    void refusesABlockLongerThanItsSamples() {
        assertThrows(IllegalArgumentException.class, () -> stereo.encode(new short[6], 4, Unpooled.buffer()));
        assertThrows(IllegalArgumentException.class, () -> stereo.encode(new short[6], 0, Unpooled.buffer()));
    }
}
