package dev.intercom.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as SDP carries it (RFC 8122 section 5): a hash name and the hash of
 * the DER certificate in upper-case hex pairs joined by colons. Only sha-256 is made or
 * accepted: it is what WebRTC and GStreamer use, and a weaker hash would let a forger match it.
 *
 * @param digest the 32-byte SHA-256 of the certificate
 */
public record Fingerprint(byte[] digest) {

    /** The only hash function used, as RFC 8122 spells it. */
    public static final String ALGORITHM = "sha-256";
    private static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    /** Keeps a private copy; the digest must be 32 bytes. */
    public Fingerprint {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a sha-256 fingerprint has 32 bytes, got " + digest.length);
        }
        digest = digest.clone();
    }

    /** @return the fingerprint of a DER-encoded certificate */
    public static Fingerprint of(byte[] certificateDer) {
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(certificateDer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Parses {@code sha-256:AB:CD:...} (the flag's form) or {@code sha-256 AB:CD:...} (SDP's).
     *
     * @throws IllegalArgumentException with a one-line message saying what was expected
     */
    public static Fingerprint parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(ALGORITHM) || t.length() <= ALGORITHM.length()
                || (t.charAt(ALGORITHM.length()) != ':' && t.charAt(ALGORITHM.length()) != ' ')) {
            throw new IllegalArgumentException("expected sha-256:XX:XX:... (32 hex pairs, as 'intercom identity' prints)");
        }
        String hex = t.substring(ALGORITHM.length() + 1).trim();
        byte[] bytes;
        try {
            bytes = HEX.parseHex(hex.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected 32 hex pairs joined by ':' after sha-256 (got '" + hex + "')");
        }
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a sha-256 fingerprint has 32 hex pairs, got " + bytes.length);
        }
        return new Fingerprint(bytes);
    }

    /** @return e.g. {@code sha-256 AB:CD:...}, the value of an SDP {@code a=fingerprint} line */
    public String toSdp() {
        return ALGORITHM + " " + HEX.formatHex(digest);
    }

    /** @return e.g. {@code sha-256:AB:CD:...}, the form {@code --peer-fingerprint} takes */
    @Override
    public String toString() {
        return ALGORITHM + ":" + HEX.formatHex(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint f && MessageDigest.isEqual(digest, f.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** @return the digest, a copy */
    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Orders fingerprints by their bytes (unsigned): decides who starts the handshake. */
    int compareTo(Fingerprint other) {
        return Arrays.compareUnsigned(digest, other.digest);
    }
}
