package dev.ssocred.aws;

import dev.ssocred.SsocredException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Trust managers for a PEM bundle of CA certificates ({@code AWS_CA_BUNDLE} / {@code ca_bundle}). */
final class CaBundle {
    private CaBundle() {
    }

    /** Trusts exactly the certificates in {@code pem}, as botocore's {@code verify=<bundle>} does. */
    static TrustManager[] trustManagers(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw unreadable(pem, "it holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(pem, e.getMessage());
        }
    }

    private static SsocredException unreadable(Path pem, String why) {
        return SsocredException.config("the CA bundle " + pem + " (AWS_CA_BUNDLE or ca_bundle) cannot be used: " + why,
                "point AWS_CA_BUNDLE or ca_bundle at a PEM file of CA certificates, or unset it");
    }
}
