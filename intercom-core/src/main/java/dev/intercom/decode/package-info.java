/**
 * From RTP payloads to the jitter buffer's samples. A codec that keeps no state between packets
 * (L16) is decoded the moment a packet arrives ({@link dev.intercom.decode.DecodeOnArrival}). A
 * codec that does (Opus) must see its packets in stream order, so the receive thread only queues
 * them ({@link dev.intercom.decode.EncodedPacketQueue}); before each block the playout thread
 * shows them to the jitter buffer, which judges them by their RTP fields and arrival times, and
 * the accepted ones wait encoded ({@link dev.intercom.decode.DecodeInStreamOrder}) and are
 * decoded in stream order as far as they follow on from each other; a packet that never came is
 * replaced, when the buffer plays its place, by the codec's FEC or concealment
 * ({@link dev.intercom.decode.OrderedDecoder}).
 */
package dev.intercom.decode;
