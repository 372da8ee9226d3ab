package dev.intercom.session;

import io.netty.buffer.ByteBuf;

/**
 * The two plaintext DTLS 1.2 records (epoch 0, RFC 6347 section 4.1) that tell a running
 * session its peer has restarted: a ClientHello (a restarted client starts a new handshake) and
 * a HelloRequest (a restarted server asks the client to start one, RFC 5246 section 7.4.1.1).
 * Neither is trusted: each only starts a handshake, which must authenticate the pinned
 * certificate before any key changes.
 */
final class DtlsRecords {

    private static final int CONTENT_HANDSHAKE = 22;
    private static final int RECORD_HEADER = 13;
    private static final int HELLO_REQUEST = 0;
    private static final int CLIENT_HELLO = 1;

    private DtlsRecords() {
    }

    /** @return true if the datagram starts with an epoch-0 ClientHello record */
    static boolean isClientHello(ByteBuf d) {
        return isEpochZeroHandshake(d, CLIENT_HELLO);
    }

    /** @return true if the datagram starts with an epoch-0 HelloRequest record */
    static boolean isHelloRequest(ByteBuf d) {
        return isEpochZeroHandshake(d, HELLO_REQUEST);
    }

    private static boolean isEpochZeroHandshake(ByteBuf d, int messageType) {
        int at = d.readerIndex();
        return d.readableBytes() > RECORD_HEADER && d.getUnsignedByte(at) == CONTENT_HANDSHAKE
                && d.getUnsignedShort(at + 3) == 0 && d.getUnsignedByte(at + RECORD_HEADER) == messageType;
    }

    /** @return a DTLS 1.2 HelloRequest record: epoch 0, sequence 0, an empty handshake message */
    static byte[] helloRequest() {
        byte[] r = new byte[RECORD_HEADER + 12];
        r[0] = CONTENT_HANDSHAKE;
        r[1] = (byte) 0xFE; // DTLS 1.2 is {254, 253}
        r[2] = (byte) 0xFD;
        r[12] = 12; // record length: the 12-byte handshake header, no body
        r[RECORD_HEADER] = HELLO_REQUEST; // length, message_seq, fragment offset and length all 0
        return r;
    }
}
