package dev.ssocred.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ssocred.creds.RoleCredentials;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigninUrlsTest {
    @Test
    void eachPartitionHasItsOwnSigninAndConsoleHosts() {
        assertEquals("https://signin.aws.amazon.com/federation", SigninUrls.federationEndpoint("eu-west-1", Optional.empty()));
        assertEquals("https://signin.amazonaws-us-gov.com/federation",
                SigninUrls.federationEndpoint("us-gov-east-1", Optional.empty()));
        assertEquals("https://signin.amazonaws.cn/federation", SigninUrls.federationEndpoint("cn-north-1", Optional.empty()));
        assertEquals("https://console.amazonaws.cn/console/home?region=cn-northwest-1",
                SigninUrls.defaultDestination("cn-northwest-1"));
        assertEquals("https://console.aws.amazon.com/console/home?region=aws-global", SigninUrls.defaultDestination("aws-global"));
    }

    @Test
    void anOverrideWithoutAPathGetsTheFederationPathAndOneWithAPathIsKept() {
        assertEquals("http://127.0.0.1:9/federation", SigninUrls.federationEndpoint("eu-west-1",
                Optional.of("http://127.0.0.1:9/")));
        assertEquals("https://proxy.corp/aws/federation", SigninUrls.federationEndpoint("eu-west-1",
                Optional.of("https://proxy.corp/aws/federation")));
    }

    @Test
    void theSessionParameterIsTheCredentialsJsonUrlEncoded() {
        RoleCredentials c = new RoleCredentials("ASIA1", "se/cr+et", "to&ken=", Instant.EPOCH, "1");
        String url = SigninUrls.signinTokenUrl("https://signin.aws.amazon.com/federation", c);
        String session = url.substring(url.indexOf("&Session=") + 9);
        assertEquals("{\"sessionId\":\"ASIA1\",\"sessionKey\":\"se/cr+et\",\"sessionToken\":\"to&ken=\"}",
                URLDecoder.decode(session, StandardCharsets.UTF_8));
        assertEquals("https://x/federation?Action=login&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F"
                + "&SigninToken=a%2Bb", SigninUrls.loginUrl("https://x/federation", "a+b", "https://console.aws.amazon.com/"));
    }
}
