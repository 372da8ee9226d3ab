/**
 * RTP payload codecs behind one interface, {@link dev.intercom.codec.PayloadCodec}: L16
 * (uncompressed, {@link dev.intercom.codec.L16PayloadCodec} over the byte order of
 * {@link dev.intercom.codec.L16Codec}) and Opus (RFC 7587,
 * {@link dev.intercom.codec.OpusPayloadCodec}, with in-band FEC and Opus's own loss
 * concealment). {@link dev.intercom.codec.OpusSettings} checks a configuration against what Opus
 * accepts before anything starts.
 */
package dev.intercom.codec;
