/**
 * SRTP and SRTCP (RFC 3711) with the profiles {@code AES_CM_128_HMAC_SHA1_80} and
 * {@code AEAD_AES_128_GCM} (RFC 7714), keyed by a pre-shared master key.
 *
 * <p>{@link dev.intercom.srtp.SrtpKey} parses and generates keys in the SDES base64 form;
 * {@link dev.intercom.srtp.SrtpSender} protects outgoing packets in place (the tag goes after the
 * packet, so leave room) and {@link dev.intercom.srtp.SrtpReceiver} checks and decrypts incoming
 * ones, answering with an {@link dev.intercom.srtp.SrtpVerdict}. Session keys are derived once
 * (key derivation rate 0); each packet reuses preallocated ciphers and scratch arrays, only the
 * JCE's own GCM and HMAC code allocating a little per packet.
 */
package dev.intercom.srtp;
