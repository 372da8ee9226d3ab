package dev.intercom.session;

import dev.intercom.audio.StreamFormat;
import dev.intercom.config.Codec;
import dev.intercom.config.SessionConfig;
import dev.intercom.config.SocketAddressSpec;
import dev.intercom.dtls.DtlsIdentity;
import dev.intercom.dtls.DtlsRole;
import dev.intercom.dtls.Fingerprint;
import dev.intercom.net.Addresses;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SDP (RFC 4566) of the stream a peer sends, for a player that receives it in our place:
 * {@code ffplay -protocol_whitelist file,udp,rtp stream.sdp} or VLC listens on the {@code --peer}
 * port and decodes what arrives. With {@code --key} the media is RTP/SAVP with an SDES
 * {@code a=crypto} line (RFC 4568), which includes the key: treat the file as a secret. With
 * {@code --dtls} it is UDP/TLS/RTP/SAVP with our certificate's {@code a=fingerprint} and the
 * {@code a=setup} role (RFC 5763), which hold no secret.
 */
public final class SdpDescription {

    private SdpDescription() {
    }

    /** @return the SDP text, lines ending in CRLF as RFC 4566 asks */
    public static String of(SessionConfig config) {
        StreamFormat format = config.format();
        SocketAddressSpec peer = config.peer().orElseThrow(() -> new IllegalArgumentException("no --peer"));
        String host = peer.host();
        String family = isIpv6(host) ? "IP6" : "IP4";
        String address = resolve(host);
        StringBuilder sdp = new StringBuilder(256);
        line(sdp, "v=0");
        line(sdp, "o=- " + (System.currentTimeMillis() / 1000) + " 1 IN " + family + " " + address);
        line(sdp, "s=intercom");
        line(sdp, "c=IN " + family + " " + address);
        line(sdp, "t=0 0");
        // RFC 5764 section 8: DTLS-SRTP media is UDP/TLS/RTP/SAVP.
        String profile = config.dtls() ? "UDP/TLS/RTP/SAVP" : config.srtpKey().isPresent() ? "RTP/SAVP" : "RTP/AVP";
        int pt = config.payloadType();
        line(sdp, "m=audio " + peer.port() + " " + profile + " " + pt);
        if (config.codec().codec() == Codec.OPUS) {
            // RFC 7587: always opus/48000/2; the fmtp says what is really sent.
            line(sdp, "a=rtpmap:" + pt + " opus/48000/2");
            line(sdp, "a=fmtp:" + pt + " stereo=" + (format.channels() == 2 ? 1 : 0) + ";sprop-stereo="
                    + (format.channels() == 2 ? 1 : 0) + ";maxaveragebitrate=" + config.bitrateKbps() * 1000
                    + ";useinbandfec=" + (config.fec() ? 1 : 0));
        } else {
            line(sdp, "a=rtpmap:" + pt + " L16/" + format.sampleRate() + "/" + format.channels());
        }
        line(sdp, String.format(Locale.ROOT, "a=ptime:%s", trim(format.blockMillis())));
        line(sdp, "a=rtcp-mux");
        line(sdp, "a=recvonly");
        // RFC 5576: the SSRC a receiver such as srtpdec must be told, with the CNAME our RTCP will carry.
        config.ssrc().ifPresent(ssrc -> line(sdp, "a=ssrc:" + ssrc + " cname:"
                + RtcpAgent.cname(ssrc, config.listen().port())));
        config.srtpKey().ifPresent(key -> line(sdp, "a=crypto:1 " + suite(key) + " inline:" + key.toBase64()));
        if (config.dtls()) {
            // RFC 8122 / RFC 5763: our certificate's fingerprint, and which side starts the handshake.
            Fingerprint ours = DtlsIdentity.require(config.identity()).fingerprint();
            line(sdp, "a=fingerprint:" + ours.toSdp());
            line(sdp, "a=setup:" + config.peerFingerprint().map(theirs -> DtlsRole.between(ours, theirs).setup())
                    .orElse("actpass"));
        }
        return sdp.toString();
    }

    private static String suite(SrtpKey key) {
        return key.profile() == SrtpProfile.AEAD_AES128_GCM ? "AEAD_AES_128_GCM" : "AES_CM_128_HMAC_SHA1_80";
    }

    private static boolean isIpv6(String host) {
        try {
            return InetAddress.getByName(host) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return host.indexOf(':') >= 0;
        }
    }

    private static String resolve(String host) {
        try {
            return Addresses.text(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return host; // the player may resolve it where it runs
        }
    }

    private static String trim(double ms) {
        String s = String.format(Locale.ROOT, "%.3f", ms);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static void line(StringBuilder sdp, String text) {
        sdp.append(text).append("\r\n");
    }
}
