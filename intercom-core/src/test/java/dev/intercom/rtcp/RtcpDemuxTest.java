package dev.intercom.rtcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The second byte alone tells RTCP (192..223) from RTP (RFC 5761 section 4). */
@Timeout(10)
class RtcpDemuxTest {

    @Test
    void rtcpPacketTypesAreRtcp() {
        for (int type : new int[] {192, 200, 201, 202, 203, 204, 205, 206, 207, 223}) {
            ByteBuf datagram = Wire.datagram(String.format("80%02x0001 11223344", type));
            assertTrue(RtcpDemux.isRtcp(datagram, 0, 8), "type " + type);
        }
    }

    @Test
    void rtpWithOrWithoutMarkerIsNot() {
        // PT 96 (0x60) and with the marker (0xe0 = 224), PT 0 with marker (0x80 = 128), PT 63
        // with marker (0xbf = 191): all outside 192..223, as RFC 5761 intends.
        for (String second : new String[] {"60", "e0", "80", "bf", "00", "ff"}) {
            ByteBuf datagram = Wire.datagram("80" + second + "0001 00000100 cafebabe");
            assertFalse(RtcpDemux.isRtcp(datagram, 0, 12), "second byte " + second);
        }
    }

    @Test
    void looksAtTheDatagramAtItsOffset() {
        ByteBuf buffer = Wire.datagram("80c8 80c9 8060");
        assertTrue(RtcpDemux.isRtcp(buffer, 2, 2));
        assertFalse(RtcpDemux.isRtcp(buffer, 4, 2));
    }

    @Test
    void tooShortToTellIsNotRtcp() {
        ByteBuf buffer = Wire.datagram("80c8");
        assertFalse(RtcpDemux.isRtcp(buffer, 0, 1));
        assertFalse(RtcpDemux.isRtcp(buffer, 0, 0));
    }
}
