package dev.intercom.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/** The client side (a=setup:active): offers use_srtp, pins the server's certificate, exports keys. */
final class DtlsSrtpClient extends DefaultTlsClient {

    private final HandshakePolicy policy;
    private int profile = -1;
    private volatile DtlsSrtpKeys keys;

    DtlsSrtpClient(HandshakePolicy policy) {
        super(policy.crypto());
        this.policy = policy;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), HandshakePolicy.CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return policy.handshakeTimeoutMillis();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(policy.offeredProfiles(), TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null || chosen.getProtectionProfiles().length != 1
                || policy.choose(chosen.getProtectionProfiles()) < 0) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "the peer chose no SRTP profile we offered");
        }
        profile = chosen.getProtectionProfiles()[0];
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate certificate) throws IOException {
                policy.verify(certificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return policy.credentials(context);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keys = policy.exportKeys(context, profile, true);
    }

    /** @return the exported keys once the handshake completed, else null */
    DtlsSrtpKeys keys() {
        return keys;
    }
}
