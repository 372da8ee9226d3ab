package dev.intercom.srtp;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An SRTP master key and master salt for one profile, as both peers configure it.
 *
 * <p>The text form is the one SDES ({@code a=crypto ... inline:KEY}, RFC 4568) uses: standard
 * base64 of the master key followed by the master salt, 30 bytes (40 characters) for
 * {@code aes128-cm-sha1-80} and 28 bytes (40 characters with {@code ==}) for {@code aes128-gcm}.
 * An {@code inline:} prefix is accepted so a key can be pasted from SDP.
 *
 * <p>Secret material never leaves through {@link #toString()} or an exception message; the
 * accessors return copies, so the caller cannot change a key another object holds.
 *
 * @param profile    the protection profile this key is for
 * @param masterKey  the 16-byte master key
 * @param masterSalt the master salt, 14 bytes (AES-CM) or 12 bytes (GCM)
 */
public record SrtpKey(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {

    private static final String INLINE_PREFIX = "inline:";

    /**
     * Checks the lengths and keeps private copies of the arrays.
     *
     * @throws IllegalArgumentException if a length does not match the profile
     * @throws NullPointerException     if an argument is null
     */
    public SrtpKey {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(masterSalt, "masterSalt");
        if (masterKey.length != profile.masterKeyLength()
                || masterSalt.length != profile.masterSaltLength()) {
            throw new IllegalArgumentException("SRTP " + profile + " needs a "
                    + profile.masterKeyLength() + "-byte master key and a "
                    + profile.masterSaltLength() + "-byte salt, got " + masterKey.length
                    + " and " + masterSalt.length + " bytes");
        }
        masterKey = masterKey.clone();
        masterSalt = masterSalt.clone();
    }

    /**
     * Parses a key given on the command line or in a configuration file.
     *
     * @param base64  base64 of master key then master salt, optionally prefixed {@code inline:};
     *                surrounding whitespace is ignored
     * @param profile the profile the key is for, which fixes the expected length
     * @return the key
     * @throws IllegalArgumentException with a one-line message starting {@code --key:} that says
     *                                  what was expected; it never repeats the key text
     */
    public static SrtpKey parse(String base64, SrtpProfile profile) {
        Objects.requireNonNull(profile, "profile");
        String text = base64 == null ? "" : base64.trim();
        if (text.regionMatches(true, 0, INLINE_PREFIX, 0, INLINE_PREFIX.length())) {
            text = text.substring(INLINE_PREFIX.length());
        }
        if (text.indexOf('|') >= 0) {
            throw new IllegalArgumentException("--key: lifetime and MKI parameters after '|' are"
                    + " not supported: give the base64 key alone (" + expected(profile) + ")");
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            // The decoder's own message quotes an offending character: part of a secret.
            throw new IllegalArgumentException("--key: not valid base64 (only A-Z a-z 0-9 + /"
                    + " and = padding): " + expected(profile));
        }
        try {
            if (material.length != profile.keyLength()) {
                throw new IllegalArgumentException("--key: " + expected(profile) + ", got "
                        + material.length + " bytes");
            }
            int keyLength = profile.masterKeyLength();
            return new SrtpKey(profile, Arrays.copyOfRange(material, 0, keyLength),
                    Arrays.copyOfRange(material, keyLength, material.length));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * Draws a fresh random key.
     *
     * @param profile the profile the key is for
     * @param random  the source of randomness, normally a shared {@code new SecureRandom()}
     * @return a new key
     */
    public static SrtpKey generate(SrtpProfile profile, SecureRandom random) {
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] salt = new byte[profile.masterSaltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new SrtpKey(profile, key, salt);
    }

    /** @return a copy of the master key */
    @Override
    public byte[] masterKey() {
        return masterKey.clone();
    }

    /** @return a copy of the master salt */
    @Override
    public byte[] masterSalt() {
        return masterSalt.clone();
    }

    /** @return the key's text form: standard base64 of master key then master salt, no prefix */
    public String toBase64() {
        byte[] material = new byte[masterKey.length + masterSalt.length];
        System.arraycopy(masterKey, 0, material, 0, masterKey.length);
        System.arraycopy(masterSalt, 0, material, masterKey.length, masterSalt.length);
        try {
            return Base64.getEncoder().encodeToString(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** Compares profile and key material, in time independent of where the bytes differ. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpKey that
                && profile == that.profile
                && MessageDigest.isEqual(masterKey, that.masterKey)
                && MessageDigest.isEqual(masterSalt, that.masterSalt);
    }

    /** @return a hash of the profile only, so hash tables learn nothing about the secret */
    @Override
    public int hashCode() {
        return profile.hashCode();
    }

    /** @return the profile and length only: {@code SrtpKey[aes128-gcm, 28 bytes, secret]} */
    @Override
    public String toString() {
        return "SrtpKey[" + profile + ", " + profile.keyLength() + " bytes, secret]";
    }

    private static String expected(SrtpProfile profile) {
        return "expected base64 of " + profile.keyLength() + " bytes ("
                + profile.masterKeyLength() + "-byte master key + " + profile.masterSaltLength()
                + "-byte salt) for " + profile;
    }
}
