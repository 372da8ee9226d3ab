package dev.intercom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.intercom.rtp.Hex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** L16 is signed 16-bit big-endian with channels interleaved, checked against hand-written bytes. */
@Timeout(10)
class L16CodecTest {

    @Test
    void encodesBigEndianTwosComplement() {
        ByteBuf out = Unpooled.buffer();
        L16Codec.encode(new short[] {0x1234, -2, Short.MAX_VALUE, Short.MIN_VALUE, 0, -1}, 6, out);
        assertEquals("1234fffe7fff80000000ffff", Hex.of(out));
    }

    @Test
    void keepsStereoInterleavingLeftThenRight() {
        ByteBuf out = Unpooled.buffer();
        short left = 0x0102;
        short right = 0x0304;
        L16Codec.encode(new short[] {left, right, left, right}, 4, out);
        assertEquals("0102030401020304", Hex.of(out));
    }

    @Test
    void encodeAppendsOnlyCountSamplesAtWriterIndex() {
        ByteBuf out = Unpooled.buffer(4);
        out.writeByte(0xEE);
        L16Codec.encode(new short[] {0x0A0B, 0x0C0D, 0x7777}, 2, out);
        assertEquals("ee0a0b0c0d", Hex.of(out));
        assertEquals(5, out.writerIndex());
        L16Codec.encode(new short[] {0x0102}, 0, out);
        assertEquals(5, out.writerIndex());
    }

    @Test
    void decodesFromAbsoluteIndexWithoutMovingIndices() {
        ByteBuf in = Hex.exact("ffffff 1234 fffe 8000 7fff ee");
        in.readerIndex(1);
        short[] dst = new short[6];
        L16Codec.decode(in, 3, 4, dst, 1);
        assertArrayEquals(new short[] {0, 0x1234, -2, Short.MIN_VALUE, Short.MAX_VALUE, 0}, dst);
        assertEquals(1, in.readerIndex());
        assertEquals(12, in.writerIndex());
    }

    @Test
    void roundTripsEverySampleValue() {
        short[] samples = new short[65536];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i - 32768);
        }
        ByteBuf buf = Unpooled.buffer();
        L16Codec.encode(samples, samples.length, buf);
        short[] back = new short[samples.length];
        L16Codec.decode(buf, 0, back.length, back, 0);
        assertArrayEquals(samples, back);
    }

    @Test
    void roundTripsRandomBlocksAtOffsets() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 50; round++) {
            short[] samples = new short[1 + random.nextInt(2000)];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) random.nextInt();
            }
            ByteBuf buf = Unpooled.buffer();
            buf.writeZero(round);
            L16Codec.encode(samples, samples.length, buf);
            short[] back = new short[samples.length + 3];
            L16Codec.decode(buf, round, samples.length, back, 3);
            for (int i = 0; i < samples.length; i++) {
                assertEquals(samples[i], back[i + 3]);
            }
        }
    }

    @Test
    void refusesRangesOutOfBounds() {
        ByteBuf in = Hex.exact("0001 0002");
        short[] dst = new short[2];
        assertThrows(IndexOutOfBoundsException.class, () -> L16Codec.decode(in, 1, 2, dst, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> L16Codec.decode(in, -1, 1, dst, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> L16Codec.decode(in, 0, 2, dst, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> L16Codec.decode(in, 0, -1, dst, 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> L16Codec.encode(new short[2], 3, Unpooled.buffer()));
        assertThrows(IndexOutOfBoundsException.class,
                () -> L16Codec.encode(new short[2], -1, Unpooled.buffer()));
    }
}
