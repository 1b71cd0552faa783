package dev.ssocred.sso;

import dev.ssocred.config.ServiceEndpoints;
import java.util.List;

/** Port to the IAM Identity Center OIDC API. Failures are {@link dev.ssocred.ServiceException}s. */
public interface OidcApi {

    Registered registerClient(String clientName, List<String> scopes);

    /**
     * RegisterClient for the authorization-code flow: grant types {@code authorization_code} and
     * {@code refresh_token}, the loopback redirect URI, and the start URL as issuer.
     */
    Registered registerClientForAuthCode(String clientName, List<String> scopes, String redirectUri, String issuerUrl);

    /** CreateToken with {@code grant_type=authorization_code}, the code the browser brought and the PKCE verifier. */
    TokenGrant createTokenWithAuthCode(String clientId, String clientSecret, String code, String redirectUri,
                                       String codeVerifier);

    /** {@code scheme://host[:port]} of the endpoint, where the browser is sent to {@code /authorize}. */
    String authorizeBase();

    DeviceAuthorization startDeviceAuthorization(String clientId, String clientSecret, String startUrl);

    TokenGrant createTokenWithDeviceCode(String clientId, String clientSecret, String deviceCode);

    TokenGrant createTokenWithRefreshToken(String clientId, String clientSecret, String refreshToken);

    /** Builds an API for one region, honouring the endpoint overrides. */
    @FunctionalInterface
    interface Factory {
        OidcApi create(String region, ServiceEndpoints endpoints);
    }

    /** RegisterClient's answer; {@code clientSecretExpiresAt} is epoch seconds. */
    record Registered(String clientId, String clientSecret, long clientSecretExpiresAt) {
        public Registered {
            dev.ssocred.io.Secrets.hold(clientSecret);
        }

        @Override
        public String toString() {
            return "Registered[clientId=***, clientSecret=***, clientSecretExpiresAt=" + clientSecretExpiresAt + "]";
        }
    }

    /** StartDeviceAuthorization's answer. {@code interval} is 0 when the server did not say. */
    record DeviceAuthorization(String deviceCode, String userCode, String verificationUri,
                               String verificationUriComplete, int expiresIn, int interval) {
        public DeviceAuthorization {
            dev.ssocred.io.Secrets.hold(deviceCode);
        }

        @Override
        public String toString() {
            return "DeviceAuthorization[deviceCode=***, userCode=" + userCode + ", verificationUri=" + verificationUri
                    + ", expiresIn=" + expiresIn + ", interval=" + interval + "]";
        }
    }

    /** CreateToken's answer. {@code refreshToken} is null when none was issued. */
    record TokenGrant(String accessToken, int expiresIn, String refreshToken) {
        public TokenGrant {
            dev.ssocred.io.Secrets.hold(accessToken, refreshToken);
        }

        @Override
        public String toString() {
            return "TokenGrant[accessToken=***, expiresIn=" + expiresIn + ", refreshToken="
                    + (refreshToken == null ? null : "***") + "]";
        }
    }
}
