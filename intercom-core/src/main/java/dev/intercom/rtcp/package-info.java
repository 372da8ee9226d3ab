/**
 * RTCP (RFC 3550 section 6) for one RTP session multiplexed on the RTP port (RFC 5761): a pure
 * library with no sockets and no clock of its own.
 *
 * <ul>
 *   <li>{@link dev.intercom.rtcp.RtcpDemux} tells an RTCP datagram from an RTP one.</li>
 *   <li>{@link dev.intercom.rtcp.RtcpCompoundWriter} writes compound packets (SR or RR first,
 *       report blocks, SDES CNAME, optional BYE) into a {@code ByteBuf}.</li>
 *   <li>{@link dev.intercom.rtcp.RtcpParser} validates a received compound packet (RFC 3550
 *       appendix A.2) and hands its parts to an {@link dev.intercom.rtcp.RtcpHandler} through
 *       reusable flyweights, allocating nothing.</li>
 *   <li>{@link dev.intercom.rtcp.ReportBlockBuilder} turns a receiver's sequence counters and
 *       jitter into the fields of a report block (RFC 3550 appendix A.3).</li>
 *   <li>{@link dev.intercom.rtcp.NtpTime} and {@link dev.intercom.rtcp.RoundTrip} give the
 *       round-trip time from LSR and DLSR; {@link dev.intercom.rtcp.SenderReportLog} believes
 *       a report block only if it echoes a sender report we sent;
 *       {@link dev.intercom.rtcp.RtcpInterval} says when to send the next report.</li>
 * </ul>
 */
package dev.intercom.rtcp;
