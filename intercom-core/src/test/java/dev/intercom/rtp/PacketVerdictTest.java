package dev.intercom.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.intercom.rtcp.RtcpRejection;
import dev.intercom.srtp.SrtpVerdict;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The labels users read in the statistics and the session summary, spelled out: they come from
 * the constants' names, so renaming a constant must fail here rather than rename a key unseen.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class PacketVerdictTest {

    @Test
    void rtpRejectionLabels() {
        assertLabels(List.of("too_short", "bad_version", "csrc_overrun", "extension_overrun", "bad_padding",
                "wrong_payload_type", "empty_payload", "partial_frame", "payload_too_long"), RtpRejection.values());
    }

    @Test
    void rtcpRejectionLabels() {
        assertLabels(List.of("too_short", "bad_version", "first_not_report", "length_overrun", "length_mismatch",
                "padding_not_last", "bad_padding", "truncated_report", "bad_sdes", "bad_bye"), RtcpRejection.values());
    }

    @Test
    void srtpVerdictLabels() {
        assertLabels(List.of("ok", "too_short", "replayed", "auth_failed"), SrtpVerdict.values());
    }

    @Test
    void everyVerdictExplainsItself() {
        Stream.of(RtpRejection.values(), RtcpRejection.values(), SrtpVerdict.values()).flatMap(Stream::of)
                .forEach(verdict -> assertFalse(verdict.description().isBlank(), verdict.name()));
    }

    private static void assertLabels(List<String> expected, PacketVerdict[] verdicts) {
        assertEquals(expected, Stream.of(verdicts).map(PacketVerdict::label).toList());
    }
}
