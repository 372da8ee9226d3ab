package dev.intercom.rtcp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a handler that writes down every callback as one line, in order. */
final class Recorder implements RtcpHandler {

    final List<String> events = new ArrayList<>();

    @Override
    public void senderReport(long ssrc, RtcpSenderInfo info) {
        events.add(String.format("SR %08x ntp=%016x rtp=%d packets=%d octets=%d", ssrc,
                info.ntpTimestamp(), info.rtpTimestamp(), info.packetCount(), info.octetCount()));
    }

    @Override
    public void receiverReport(long ssrc) {
        events.add(String.format("RR %08x", ssrc));
    }

    @Override
    public void reportBlock(long reporterSsrc, RtcpReportBlock b) {
        events.add(String.format("block from %08x about %08x fraction=%d lost=%d highest=%d"
                + " jitter=%d lsr=%08x dlsr=%08x", reporterSsrc, b.sourceSsrc(), b.fractionLost(),
                b.cumulativeLost(), b.extendedHighestSequence(), b.jitter(),
                b.lastSenderReport(), b.delaySinceLastSenderReport()));
    }

    @Override
    public void cname(long ssrc, ByteBuf buffer, int offset, int length) {
        events.add(String.format("CNAME %08x %s", ssrc,
                buffer.toString(offset, length, StandardCharsets.UTF_8)));
    }

    @Override
    public void bye(RtcpBye bye) {
        StringBuilder line = new StringBuilder("BYE");
        for (int i = 0; i < bye.sourceCount(); i++) {
            line.append(String.format(" %08x", bye.ssrc(i)));
        }
        if (bye.hasReason()) {
            line.append(" reason=").append(bye.reason());
        }
        events.add(line.toString());
    }
}
