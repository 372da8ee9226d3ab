/**
 * From RTP payloads to the jitter buffer's samples. A codec that keeps no state between packets
 * (L16) is decoded the moment a packet arrives ({@link dev.intercom.decode.DecodeOnArrival}). A
 * codec that does (Opus) must see its packets in stream order, so the event loop only queues
 * them ({@link dev.intercom.decode.EncodedPacketQueue}) and the playout thread, just before
 * each block, puts them back in order and decodes them, replacing a packet that never came by
 * the codec's FEC or concealment in its place ({@link dev.intercom.decode.OrderedDecoder}).
 */
package dev.intercom.decode;
