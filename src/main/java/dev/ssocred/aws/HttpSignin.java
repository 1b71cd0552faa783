package dev.ssocred.aws;

import dev.ssocred.ServiceException;
import dev.ssocred.config.ServiceEndpoints;
import dev.ssocred.console.SigninApi;
import dev.ssocred.console.SigninUrls;
import dev.ssocred.creds.RoleCredentials;
import dev.ssocred.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * getSigninToken over the JDK connection the SDK clients use (same proxy and CA bundle). The request URL holds the
 * credentials, so no message here ever includes it: errors name the endpoint and the status only.
 */
public final class HttpSignin implements SigninApi {
    private static final int MAX_BODY = 64 * 1024;
    private final SdkClients clients;

    public HttpSignin(SdkClients clients) {
        this.clients = clients;
    }

    @Override
    public String signinToken(String endpoint, RoleCredentials credentials, ServiceEndpoints endpoints) {
        URI target = URI.create(endpoint);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(SigninUrls.signinTokenUrl(endpoint, credentials))).putHeader("Accept", "application/json")
                .build();
        try (SdkHttpClient http = clients.http(target, endpoints)) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
            int status = response.httpResponse().statusCode();
            String body = "";
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    body = new String(in.readNBytes(MAX_BODY), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            if (status != 200) {
                ServiceException.Kind kind = status == 400 || status == 401 || status == 403
                        ? ServiceException.Kind.ACCESS_DENIED : status >= 500 ? ServiceException.Kind.SERVER_ERROR
                        : ServiceException.Kind.OTHER;
                throw new ServiceException(kind, "getSigninToken", endpoint, "HTTP " + status, null);
            }
            Object token;
            try {
                Map<String, Object> json = Json.parseObject(body);
                token = json.get("SigninToken");
            } catch (IOException | RuntimeException e) {
                token = null;
            }
            if (!(token instanceof String s) || s.isEmpty()) {
                throw new ServiceException(ServiceException.Kind.OTHER, "getSigninToken", endpoint,
                        "the answer has no SigninToken", null);
            }
            dev.ssocred.io.Secrets.hold(s);
            return s;
        } catch (IOException e) {
            throw new ServiceException(ServiceException.Kind.NETWORK, "getSigninToken", endpoint,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + withoutUrls(e.getMessage())), null);
        }
    }

    /** HttpURLConnection quotes the whole request URL in some messages, and ours carries the credentials. */
    static String withoutUrls(String message) {
        return ServiceException.firstLine(message).replaceAll("(?i)https?://\\S*", "<the endpoint>");
    }
}
