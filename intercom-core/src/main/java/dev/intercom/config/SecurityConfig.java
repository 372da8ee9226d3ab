package dev.intercom.config;

import dev.intercom.dtls.DtlsIdentity;
import dev.intercom.dtls.Fingerprint;
import dev.intercom.problem.ConfigException;
import dev.intercom.srtp.SrtpKey;
import dev.intercom.srtp.SrtpProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the stream is protected, as the CLI's security options give it: {@code --key},
 * {@code --crypto}, {@code --dtls}, {@code --peer-fingerprint} and {@code --identity}.
 *
 * @param srtpKey         the SRTP master key; empty for plain RTP or DTLS
 * @param srtpProfile     the key's profile, or the one DTLS offers first
 * @param dtls            keys from a DTLS handshake on the media port, not {@code --key}
 * @param peerFingerprints the only certificate each DTLS peer may show, in the order of the
 *                        peers; one per peer whenever {@code dtls} (none before they are known,
 *                        for {@code intercom sdp})
 * @param identity        our DTLS key and certificate file
 */
public record SecurityConfig(Optional<SrtpKey> srtpKey, SrtpProfile srtpProfile, boolean dtls,
        List<Fingerprint> peerFingerprints, Path identity) {

    public SecurityConfig {
        peerFingerprints = List.copyOf(peerFingerprints);
    }

    /** @return the (first) peer's fingerprint, absent without DTLS or before it is known */
    public Optional<Fingerprint> peerFingerprint() {
        return peerFingerprints.stream().findFirst();
    }

    /** Where {@code intercom identity} keeps our DTLS key and certificate unless {@code --identity} says. */
    public static final Path DEFAULT_IDENTITY = DtlsIdentity.DEFAULT_FILE;

    /**
     * @param key                 {@code --key}, {@code null} or blank for none
     * @param ssrc                {@code --ssrc}, {@code null} for a random one: with a key, only
     *                            allowed when {@code keyIsFresh}
     * @param fingerprintRequired false for {@code intercom sdp}, which describes our side before
     *                            the peer's fingerprint is known
     * @throws ConfigException naming the first bad flag
     */
    static SecurityConfig of(String key, String crypto, Long ssrc, boolean keyIsFresh, boolean dtls,
            List<String> peerFingerprints, Path identity, boolean fingerprintRequired) {
        SrtpProfile profile;
        try {
            profile = SrtpProfile.fromLabel(crypto);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--crypto", e.getMessage());
        }
        SrtpKey parsedKey = null;
        if (key != null && !key.isBlank()) {
            try {
                parsedKey = SrtpKey.parse(key, profile);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                throw new ConfigException("--key", message.startsWith("--key: ") ? message.substring(7) : message);
            }
        }
        if (parsedKey != null && ssrc != null && !keyIsFresh) {
            // Same key, same SSRC, sequence from 0 or random: a restarted sender encrypts new
            // audio with keystream it has used before, which leaks both (RFC 3711 section 9.1).
            throw new ConfigException("--ssrc", "with --key, a fixed SSRC makes a restarted sender reuse"
                    + " its keystream; give a new key ('intercom keygen') every session and add --key-is-fresh,"
                    + " or drop --ssrc");
        }
        List<Fingerprint> fingerprints = checkDtls(dtls, parsedKey != null, peerFingerprints, fingerprintRequired);
        return new SecurityConfig(Optional.ofNullable(parsedKey), profile, dtls, fingerprints,
                identity != null ? identity : DEFAULT_IDENTITY);
    }

    /** Checks --dtls against --key and --peer-fingerprint; @return the parsed fingerprints */
    private static List<Fingerprint> checkDtls(boolean dtls, boolean keyed, List<String> peerFingerprints,
            boolean fingerprintRequired) {
        List<Fingerprint> parsed = new ArrayList<>();
        for (String text : peerFingerprints) {
            if (text == null || text.isBlank()) {
                continue;
            }
            if (!dtls) {
                throw new ConfigException("--peer-fingerprint", "is only used with --dtls");
            }
            try {
                parsed.add(Fingerprint.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--peer-fingerprint", e.getMessage());
            }
        }
        boolean pinned = !parsed.isEmpty();
        if (dtls && keyed) {
            throw new ConfigException("--dtls", "cannot be combined with --key: the DTLS handshake makes the keys");
        }
        if (dtls && !pinned && fingerprintRequired) {
            throw new ConfigException("--peer-fingerprint", "is needed with --dtls: the peer's certificate"
                    + " fingerprint, sha-256:XX:..., as 'intercom identity' prints it on the peer");
        }
        return parsed;
    }
}
